//! Signposts: the resources of every partnership an organisation serves, shown beside
//! its amber and red answers on a standard's page and on the actions of its plan.
//! Each page reads them in one query; which resource goes where is the core's rule
//! (`osa_core::signposting`).

use std::collections::HashMap;

use sea_query::{Expr, ExprTrait, Order, Query};

use crate::assessments::store::Saved;
use crate::db::Db;
use crate::db::schema::{OrganisationAreas, Partnerships, ResourceLinks, Resources};
use crate::storage::FileKind;
use osa_core::framework::{Framework, Standard};
use osa_core::signposting::{self, Link, Linked, Place, ResourceKind};

/// One resource as a signpost shows it.
#[derive(Debug, Clone)]
pub struct Signpost {
    pub title: String,
    pub href: String,
    pub kind: &'static str,
    pub partnership: String,
    /// "PDF, 120 KB" for a file.
    pub file_note: Option<String>,
}

/// The signposts of one page, by criterion code.
#[derive(Debug, Default)]
pub struct Help {
    by_criterion: HashMap<String, Vec<Signpost>>,
}

impl Help {
    pub fn for_criterion(&self, code: &str) -> &[Signpost] {
        self.by_criterion.get(code).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.by_criterion.values().all(Vec::is_empty)
    }
}

/// Folds rows (one per link, already in display order) into resources with their links.
fn candidates(framework_key: &str, rows: Vec<SignpostRow>) -> Vec<Linked<Signpost>> {
    let mut out: Vec<Linked<Signpost>> = Vec::new();
    let mut position: HashMap<i64, usize> = HashMap::new();
    for row in rows {
        let link = Link {
            framework: framework_key.to_owned(),
            standard: row.standard_code,
            criterion: row.criterion_code,
        };
        if let Some(at) = position.get(&row.id) {
            out[*at].links.push(link);
            continue;
        }
        let href = match row.url {
            Some(url) => url,
            None => format!("/partnerships/{}/resources/{}/file", row.partnership_id, row.id),
        };
        let file_note = row
            .file_type
            .as_deref()
            .and_then(FileKind::from_mime)
            .map(|k| format!("{}, {}", k.label(), super::size_text(row.file_size.unwrap_or(0))));
        let signpost = Signpost {
            title: row.title,
            href,
            kind: ResourceKind::from_code(&row.kind).map(ResourceKind::label).unwrap_or("Resource"),
            partnership: row.partnership_name,
            file_note,
        };
        position.insert(row.id, out.len());
        out.push(Linked { item: signpost, links: vec![link] });
    }
    out
}

/// Signposts beside the amber and red answers of one standard of an assessment. When
/// no answer on the page is amber or red, nothing is read at all.
pub async fn for_standard(
    db: &Db,
    organisation: i64,
    framework: &Framework,
    standard: &Standard,
    saved: &HashMap<String, Saved>,
) -> Result<Help, sqlx::Error> {
    let standings: Vec<_> = standard
        .criteria
        .iter()
        .map(|c| (c, saved.get(&c.code).and_then(|s| signposting::answer_standing(c, &s.answer))))
        .filter(|(_, standing)| signposting::needs_help(*standing))
        .collect();
    if standings.is_empty() {
        return Ok(Help::default());
    }
    let rows = signpost_rows(db, organisation, &framework.key, &[standard.code.as_str()]).await?;
    let resources = candidates(&framework.key, rows);
    let mut by_criterion = HashMap::new();
    for (criterion, standing) in standings {
        let place = Place { framework: &framework.key, standard: &standard.code, criterion: &criterion.code };
        let found: Vec<Signpost> =
            signposting::for_answer(standing, &resources, place).into_iter().cloned().collect();
        by_criterion.insert(criterion.code.clone(), found);
    }
    Ok(Help { by_criterion })
}

/// Signposts for actions of a plan, by the criterion each action came from (actions
/// added by hand have none, and get none).
pub async fn for_actions(
    db: &Db,
    organisation: i64,
    framework: &Framework,
    criteria: &[&str],
) -> Result<Help, sqlx::Error> {
    let places: Vec<(&str, &str)> = criteria
        .iter()
        .filter_map(|code| framework.find(code).map(|(s, c)| (s.code.as_str(), c.code.as_str())))
        .collect();
    let mut standards: Vec<&str> = places.iter().map(|(s, _)| *s).collect();
    standards.sort_unstable();
    standards.dedup();
    let rows = signpost_rows(db, organisation, &framework.key, &standards).await?;
    let resources = candidates(&framework.key, rows);
    let mut by_criterion = HashMap::new();
    for (standard, criterion) in places {
        let place = Place { framework: &framework.key, standard, criterion };
        let found: Vec<Signpost> = signposting::matching(&resources, place).into_iter().cloned().collect();
        by_criterion.insert(criterion.to_owned(), found);
    }
    Ok(Help { by_criterion })
}

/// One resource's link that may become a signpost, with what the signpost shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SignpostRow {
    pub id: i64,
    pub partnership_id: i64,
    pub partnership_name: String,
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
    pub file_type: Option<String>,
    pub file_size: Option<i64>,
    pub standard_code: String,
    pub criterion_code: Option<String>,
}

/// Most links read for one page; far above what any partnership links to one standard.
const MAX_SIGNPOST_ROWS: u64 = 2000;

/// In one query: the links to these standards of a framework held by resources of
/// every partnership the organisation serves, by partnership then title.
pub async fn signpost_rows(
    db: &Db,
    organisation: i64,
    framework_key: &str,
    standards: &[&str],
) -> Result<Vec<SignpostRow>, sqlx::Error> {
    if standards.is_empty() {
        return Ok(Vec::new());
    }
    db.fetch_all(
        &Query::select()
            .column((Resources::Table, Resources::Id))
            .column((Resources::Table, Resources::PartnershipId))
            .expr_as(Expr::col((Partnerships::Table, Partnerships::Name)), "partnership_name")
            .column((Resources::Table, Resources::Kind))
            .column((Resources::Table, Resources::Title))
            .column((Resources::Table, Resources::Url))
            .column((Resources::Table, Resources::FileType))
            .column((Resources::Table, Resources::FileSize))
            .column((ResourceLinks::Table, ResourceLinks::StandardCode))
            .column((ResourceLinks::Table, ResourceLinks::CriterionCode))
            .from(ResourceLinks::Table)
            .inner_join(
                Resources::Table,
                Expr::col((Resources::Table, Resources::Id))
                    .equals((ResourceLinks::Table, ResourceLinks::ResourceId)),
            )
            .inner_join(
                OrganisationAreas::Table,
                Expr::col((OrganisationAreas::Table, OrganisationAreas::PartnershipId))
                    .equals((Resources::Table, Resources::PartnershipId)),
            )
            .inner_join(
                Partnerships::Table,
                Expr::col((Partnerships::Table, Partnerships::Id))
                    .equals((Resources::Table, Resources::PartnershipId)),
            )
            .and_where(
                Expr::col((OrganisationAreas::Table, OrganisationAreas::OrganisationId)).eq(organisation),
            )
            .and_where(Expr::col((ResourceLinks::Table, ResourceLinks::FrameworkKey)).eq(framework_key))
            .and_where(
                Expr::col((ResourceLinks::Table, ResourceLinks::StandardCode))
                    .is_in(standards.iter().map(|s| (*s).to_owned())),
            )
            .order_by((Partnerships::Table, Partnerships::Name), Order::Asc)
            .order_by((Resources::Table, Resources::Title), Order::Asc)
            .order_by((Resources::Table, Resources::Id), Order::Asc)
            .limit(MAX_SIGNPOST_ROWS)
            .to_owned(),
    )
    .await
}
