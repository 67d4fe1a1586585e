//! One value between a database row and a line of an export: integers and reals as
//! JSON numbers, text as strings, booleans as `true`/`false`, timestamps as RFC 3339
//! strings in UTC, dates as `YYYY-MM-DD`, blobs as base64, and SQL NULL as `null`.
//! Both engines decode to the same Rust values first, so an export reads the same
//! whichever engine wrote it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::Value as Json;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use super::columns::{Column, Kind};

const DATE: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

/// Reads column `i` of a row (either engine's) as an export value.
macro_rules! read_value {
    ($row:expr, $i:expr, $kind:expr) => {{
        use sqlx::Row as _;
        let row = $row;
        let i = $i;
        match $kind {
            Kind::Integer => row.try_get::<Option<i64>, _>(i).map(|v| v.map(Json::from)),
            Kind::Real => row.try_get::<Option<f64>, _>(i).map(|v| v.map(Json::from)),
            Kind::Text => row.try_get::<Option<String>, _>(i).map(|v| v.map(Json::from)),
            Kind::Boolean => row.try_get::<Option<bool>, _>(i).map(|v| v.map(Json::from)),
            Kind::Timestamp => row
                .try_get::<Option<time::OffsetDateTime>, _>(i)
                .map(|v| v.map($crate::backup::values::timestamp)),
            Kind::Date => {
                row.try_get::<Option<time::Date>, _>(i).map(|v| v.map($crate::backup::values::date))
            }
            Kind::Blob => row.try_get::<Option<Vec<u8>>, _>(i).map(|v| v.map($crate::backup::values::blob)),
        }
        .map(|v| v.unwrap_or(Json::Null))
    }};
}
pub(crate) use read_value;

pub fn timestamp(at: time::OffsetDateTime) -> Json {
    Json::from(at.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default())
}

pub fn date(day: time::Date) -> Json {
    Json::from(day.format(DATE).unwrap_or_default())
}

pub fn blob(bytes: Vec<u8>) -> Json {
    Json::from(BASE64.encode(bytes))
}

/// The value to bind for `column` from an export line, typed even when NULL (PostgreSQL
/// refuses a NULL of the wrong type).
pub fn to_sql(column: &Column, value: &Json) -> Result<sea_query::Value, String> {
    use sea_query::Value as V;
    let wrong = || format!("column {} expects {:?}, found {value}", column.name, column.kind);
    let text = || value.as_str().ok_or_else(wrong);
    let null = value.is_null();
    Ok(match column.kind {
        Kind::Integer if null => V::BigInt(None),
        Kind::Integer => V::BigInt(Some(value.as_i64().ok_or_else(wrong)?)),
        Kind::Real if null => V::Double(None),
        Kind::Real => V::Double(Some(value.as_f64().ok_or_else(wrong)?)),
        Kind::Text if null => V::String(None),
        Kind::Text => V::String(Some(text()?.to_owned())),
        Kind::Boolean if null => V::Bool(None),
        Kind::Boolean => V::Bool(Some(value.as_bool().ok_or_else(wrong)?)),
        Kind::Timestamp if null => V::TimeDateTimeWithTimeZone(None),
        Kind::Timestamp => V::TimeDateTimeWithTimeZone(Some(
            time::OffsetDateTime::parse(text()?, &Rfc3339).map_err(|_| wrong())?,
        )),
        Kind::Date if null => V::TimeDate(None),
        Kind::Date => V::TimeDate(Some(time::Date::parse(text()?, DATE).map_err(|_| wrong())?)),
        Kind::Blob if null => V::Bytes(None),
        Kind::Blob => V::Bytes(Some(BASE64.decode(text()?).map_err(|_| wrong())?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_as_the_same_sql_values() {
        let column = |kind| Column { name: "c".into(), kind };
        let at = time::macros::datetime!(2026-03-01 09:30:00.123456 +01:00);
        let json = timestamp(at);
        assert_eq!(json, "2026-03-01T08:30:00.123456Z");
        assert_eq!(
            to_sql(&column(Kind::Timestamp), &json).unwrap(),
            sea_query::Value::TimeDateTimeWithTimeZone(Some(at))
        );
        let day = date(time::macros::date!(2026 - 12 - 04));
        assert_eq!(day, "2026-12-04");
        assert_eq!(
            to_sql(&column(Kind::Date), &day).unwrap(),
            sea_query::Value::TimeDate(Some(time::macros::date!(2026 - 12 - 04)))
        );
        assert_eq!(
            to_sql(&column(Kind::Blob), &blob(vec![0, 255])).unwrap(),
            sea_query::Value::Bytes(Some(vec![0, 255]))
        );
        assert_eq!(to_sql(&column(Kind::Text), &Json::Null).unwrap(), sea_query::Value::String(None));
        assert!(to_sql(&column(Kind::Integer), &Json::from("7")).is_err());
    }
}
