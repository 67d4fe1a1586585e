//! The pure rules of osa. Nothing here touches a database, a socket or a clock:
//! callers pass in what they know (the time, the stored facts) and get decisions back,
//! so every rule can be unit-tested on its own.

pub mod access;
pub mod analytics;
pub mod api;
pub mod assessment;
pub mod audit_log;
pub mod challenge;
pub mod cycle;
pub mod cycle_setup;
pub mod early_returns;
pub mod export_format;
pub mod framework;
pub mod meeting;
pub mod narratives;
pub mod organisation_names;
pub mod partnership_action;
pub mod plan_update;
pub mod redirect;
pub mod reminders;
pub mod report;
pub mod retention;
pub mod return_routing;
pub mod signposting;
pub mod spreadsheet;
pub mod survey;
pub mod survey_codes;
pub mod tenancy;
pub mod throttle;
pub mod two_factor;
pub mod values;
pub mod work_queue;
pub mod young_peoples_summary;
