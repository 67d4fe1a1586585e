//! Reading and writing a partnership's resources and their links. Every statement that
//! touches one resource names its partnership too, so one partnership's page can never
//! reach another's resource. File bytes live in the file store; the rows keep the key.

use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::{self, Change};
use crate::db::schema::{ResourceLinks, Resources};
use crate::db::{Db, Tx};
use crate::storage::FileKind;
use osa_core::signposting::{Link, ResourceKind};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResourceRow {
    pub id: i64,
    pub partnership_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub url: Option<String>,
    pub file_key: Option<String>,
    pub file_name: Option<String>,
    pub file_type: Option<String>,
    pub file_size: Option<i64>,
    pub updated_at: OffsetDateTime,
}

impl ResourceRow {
    pub fn kind(&self) -> Option<ResourceKind> {
        ResourceKind::from_code(&self.kind)
    }

    pub fn kind_label(&self) -> &'static str {
        self.kind().map(ResourceKind::label).unwrap_or("Resource")
    }

    /// Where the title links to: the web address, or the file's download.
    pub fn href(&self) -> String {
        match &self.url {
            Some(url) => url.clone(),
            None => format!("/partnerships/{}/resources/{}/file", self.partnership_id, self.id),
        }
    }

    /// "PDF, 120 KB" for a file, so people know what they are about to download.
    pub fn file_note(&self) -> Option<String> {
        let kind = FileKind::from_mime(self.file_type.as_deref()?)?;
        Some(format!("{}, {}", kind.label(), crate::resources::size_text(self.file_size.unwrap_or(0))))
    }
}

/// A file already in the file store, as detected when it was uploaded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredFile {
    pub key: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
}

/// How people get the resource: exactly one of a link or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Link(String),
    File(StoredFile),
}

/// A resource as validated from the form.
#[derive(Debug, Clone)]
pub struct Fields {
    pub kind: ResourceKind,
    pub title: String,
    pub description: String,
    pub source: Source,
    pub links: Vec<Link>,
}

impl Fields {
    fn audit_value(&self) -> serde_json::Value {
        let (url, file) = match &self.source {
            Source::Link(url) => (Some(url.as_str()), None),
            Source::File(f) => (None, Some(f.name.as_str())),
        };
        let links: Vec<String> = self.links.iter().map(Link::code).collect();
        json!({ "kind": self.kind.code(), "title": self.title, "description": self.description,
                "url": url, "file": file, "links": links })
    }

    fn columns(&self) -> [(Resources, sea_query::Value); 8] {
        let (url, file) = match &self.source {
            Source::Link(url) => (Some(url.clone()), None),
            Source::File(f) => (None, Some(f.clone())),
        };
        [
            (Resources::Kind, self.kind.code().into()),
            (Resources::Title, self.title.as_str().into()),
            (Resources::Description, self.description.as_str().into()),
            (Resources::Url, url.into()),
            (Resources::FileKey, file.as_ref().map(|f| f.key.clone()).into()),
            (Resources::FileName, file.as_ref().map(|f| f.name.clone()).into()),
            (Resources::FileType, file.as_ref().map(|f| f.mime.clone()).into()),
            (Resources::FileSize, file.as_ref().map(|f| f.size).into()),
        ]
    }
}

fn select() -> SelectStatement {
    Query::select()
        .columns([
            (Resources::Table, Resources::Id),
            (Resources::Table, Resources::PartnershipId),
            (Resources::Table, Resources::Kind),
            (Resources::Table, Resources::Title),
            (Resources::Table, Resources::Description),
            (Resources::Table, Resources::Url),
            (Resources::Table, Resources::FileKey),
            (Resources::Table, Resources::FileName),
            (Resources::Table, Resources::FileType),
            (Resources::Table, Resources::FileSize),
            (Resources::Table, Resources::UpdatedAt),
        ])
        .from(Resources::Table)
        .to_owned()
}

pub async fn get(db: &Db, partnership: i64, id: i64) -> Result<Option<ResourceRow>, sqlx::Error> {
    db.fetch_optional(
        &select()
            .and_where(Expr::col(Resources::Id).eq(id))
            .and_where(Expr::col(Resources::PartnershipId).eq(partnership))
            .to_owned(),
    )
    .await
}

/// What the library is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<ResourceKind>,
    /// (framework key, standard code): resources linked to the standard or any of its criteria.
    pub standard: Option<(String, String)>,
}

/// One page of a partnership's library, by title.
pub async fn page(
    db: &Db,
    partnership: i64,
    filter: &Filter,
    limit: u64,
    offset: u64,
) -> Result<Vec<ResourceRow>, sqlx::Error> {
    let mut query = select();
    query.and_where(Expr::col(Resources::PartnershipId).eq(partnership));
    if let Some(kind) = filter.kind {
        query.and_where(Expr::col(Resources::Kind).eq(kind.code()));
    }
    if let Some((key, standard)) = &filter.standard {
        query.and_where(
            Expr::col(Resources::Id).in_subquery(
                Query::select()
                    .column(ResourceLinks::ResourceId)
                    .from(ResourceLinks::Table)
                    .and_where(Expr::col(ResourceLinks::FrameworkKey).eq(key.as_str()))
                    .and_where(Expr::col(ResourceLinks::StandardCode).eq(standard.as_str()))
                    .to_owned(),
            ),
        );
    }
    db.fetch_all(
        &query
            .order_by(Resources::Title, Order::Asc)
            .order_by(Resources::Id, Order::Asc)
            .limit(limit)
            .offset(offset)
            .to_owned(),
    )
    .await
}

/// The links of the given resources (one page's worth), as (resource id, link).
pub async fn links_of(db: &Db, resources: &[i64]) -> Result<Vec<(i64, Link)>, sqlx::Error> {
    if resources.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String, Option<String>)> = db
        .fetch_all(
            &Query::select()
                .columns([
                    ResourceLinks::ResourceId,
                    ResourceLinks::FrameworkKey,
                    ResourceLinks::StandardCode,
                    ResourceLinks::CriterionCode,
                ])
                .from(ResourceLinks::Table)
                .and_where(Expr::col(ResourceLinks::ResourceId).is_in(resources.iter().copied()))
                .order_by(ResourceLinks::Id, Order::Asc)
                .to_owned(),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, framework, standard, criterion)| (id, Link { framework, standard, criterion }))
        .collect())
}

async fn write_links(tx: &mut Tx, resource: i64, links: &[Link]) -> Result<(), sqlx::Error> {
    tx.execute(
        &Query::delete()
            .from_table(ResourceLinks::Table)
            .and_where(Expr::col(ResourceLinks::ResourceId).eq(resource))
            .to_owned(),
    )
    .await?;
    for chunk in links.chunks(200) {
        let mut insert = Query::insert();
        insert.into_table(ResourceLinks::Table).columns([
            ResourceLinks::ResourceId,
            ResourceLinks::FrameworkKey,
            ResourceLinks::StandardCode,
            ResourceLinks::CriterionCode,
        ]);
        for l in chunk {
            insert.values_panic([
                resource.into(),
                l.framework.as_str().into(),
                l.standard.as_str().into(),
                l.criterion.clone().into(),
            ]);
        }
        tx.execute(&insert).await?;
    }
    Ok(())
}

pub async fn create(db: &Db, partnership: i64, actor: Option<i64>, f: &Fields) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = create_in(&mut tx, partnership, actor, f).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a resource inside a transaction the caller holds (the demo loader's).
pub async fn create_in(
    tx: &mut Tx,
    partnership: i64,
    actor: Option<i64>,
    f: &Fields,
) -> Result<i64, sqlx::Error> {
    let now = OffsetDateTime::now_utc();
    let (mut columns, mut values): (Vec<Resources>, Vec<sea_query::Expr>) =
        f.columns().into_iter().map(|(c, v)| (c, v.into())).unzip();
    for (column, value) in [
        (Resources::PartnershipId, partnership.into()),
        (Resources::CreatedBy, actor.into()),
        (Resources::CreatedAt, now.into()),
        (Resources::UpdatedBy, actor.into()),
        (Resources::UpdatedAt, now.into()),
    ] {
        columns.push(column);
        values.push(value);
    }
    let mut insert = Query::insert();
    insert.into_table(Resources::Table).columns(columns).values_panic(values);
    let id = tx.insert_id(&insert).await?;
    write_links(tx, id, &f.links).await?;
    audit::record(
        tx,
        Change {
            actor,
            action: "create",
            entity: "resource",
            entity_id: id.to_string(),
            before: None,
            after: Some(json!({ "partnership_id": partnership, "resource": f.audit_value() })),
        },
    )
    .await?;
    Ok(id)
}

/// Saves new fields over a resource. Returns false when it no longer exists.
pub async fn update(
    db: &Db,
    partnership: i64,
    id: i64,
    actor: i64,
    before: &ResourceRow,
    f: &Fields,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let mut update = Query::update();
    update.table(Resources::Table).values(f.columns().map(|(c, v)| (c, v.into())));
    let changed = tx
        .execute(
            update
                .value(Resources::UpdatedBy, actor)
                .value(Resources::UpdatedAt, OffsetDateTime::now_utc())
                .and_where(Expr::col(Resources::Id).eq(id))
                .and_where(Expr::col(Resources::PartnershipId).eq(partnership)),
        )
        .await?;
    if changed == 0 {
        return Ok(false);
    }
    write_links(&mut tx, id, &f.links).await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "update",
            entity: "resource",
            entity_id: id.to_string(),
            before: Some(json!({ "kind": before.kind, "title": before.title, "url": before.url,
                                 "file": before.file_name })),
            after: Some(f.audit_value()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes a resource and its links, and gives back what was removed (`None` when it
/// was already gone), so the caller can remove its file once the change is committed.
pub async fn delete(
    db: &Db,
    partnership: i64,
    id: i64,
    actor: i64,
) -> Result<Option<ResourceRow>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let Some(before) = tx
        .fetch_optional::<ResourceRow>(
            &select()
                .and_where(Expr::col(Resources::Id).eq(id))
                .and_where(Expr::col(Resources::PartnershipId).eq(partnership))
                .to_owned(),
        )
        .await?
    else {
        return Ok(None);
    };
    write_links(&mut tx, id, &[]).await?;
    tx.execute(
        &Query::delete()
            .from_table(Resources::Table)
            .and_where(Expr::col(Resources::Id).eq(id))
            .and_where(Expr::col(Resources::PartnershipId).eq(partnership))
            .to_owned(),
    )
    .await?;
    audit::record(
        &mut tx,
        Change {
            actor: Some(actor),
            action: "delete",
            entity: "resource",
            entity_id: id.to_string(),
            before: Some(json!({ "partnership_id": partnership, "kind": before.kind, "title": before.title,
                                 "url": before.url, "file": before.file_name })),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(before))
}
