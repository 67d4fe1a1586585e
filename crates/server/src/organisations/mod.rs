//! Organisations: their records, the partnership areas they serve, and registering a
//! new organisation, which asks the chosen partnerships to confirm it.

mod confirm;
pub mod lookalikes;
mod pages;
mod register;
pub mod store;

use crate::web::routes::Routes;

pub fn routes(r: Routes) -> Routes {
    r.get("/register", register::form)
        .post("/register", register::submit)
        .get("/register/confirm/{token}", confirm::form)
        .post("/register/confirm/{token}", confirm::submit)
        .get("/organisations", pages::list)
        .get("/organisations/{id}", pages::show)
        .get("/organisations/{id}/edit", pages::edit_form)
        .post("/organisations/{id}/edit", pages::update)
        .get("/organisations/{id}/areas", pages::areas_form)
        .post("/organisations/{id}/areas", pages::request_areas)
}
