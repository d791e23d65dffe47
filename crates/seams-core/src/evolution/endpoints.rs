//! The endpoints that replace foreign reads (stage 3), derived from how each read reads: the
//! shape the services file's `queries` give an access (`model::ReadShape`). Rules, in order
//! (`docs/evolution.md`, Endpoints):
//!
//! - an aggregate (`SUM(amount)`, `COUNT(*)`) becomes its own resource: a sum of an amount is a
//!   `balance`, a count is `<collection>/count`, anything else `<collection>/<column>-<function>`;
//! - equality on every primary-key column is a by-key read: `GET /x/{x_id}`, as before;
//! - anything else is a list, paginated (`limit`, `cursor`; a page of `items` and `next`).
//!
//! The leading equality filter that names another entity (a foreign key, or a column such as
//! `to_acct` or `account_id`) becomes the path parameter the resource nests under
//! (`/accounts/{account}/balance`); columns that name the same thing (`to_acct` and `from_acct`)
//! are one parameter. Other equality and range filters become query parameters; a range on an
//! id or a time is the cursor. A read with no declared query keeps the by-key endpoint.

use super::naming;
use super::plan::Resource;
use crate::model::{Access, Architecture, FilterKind, ReadShape, Table};
use std::collections::BTreeMap;

/// One parameter of a derived endpoint: its name and the columns it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The parameter's name (`account`).
    pub name: String,
    /// The columns it is compared with (`to_acct`, `from_acct`).
    pub columns: Vec<String>,
}

/// What a derived endpoint answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointKind {
    /// One row by its key.
    Item,
    /// A page of rows (`items` and `next`), ordered as the query was.
    List {
        /// The column the cursor stands for, when the query paged by one.
        cursor: Option<String>,
        /// The query's `ORDER BY`: column, true when descending.
        order: Vec<(String, bool)>,
    },
    /// Aggregates of rows: each property's name, the function and the column aggregated.
    Aggregate(Vec<(String, String, Option<String>)>),
}

/// An endpoint that replaces a foreign read, with what it answers and what it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadEndpoint {
    /// `GET /accounts/{account}/balance`.
    pub endpoint: String,
    /// The table or view it serves.
    pub relation: String,
    /// What it answers.
    pub kind: EndpointKind,
    /// Path parameters, in path order.
    pub path_params: Vec<Param>,
    /// Query parameters (besides a list's `limit` and `cursor`).
    pub query_params: Vec<Param>,
    /// The read it replaces, for the narrative: `its query on line 40 (the sum of amount by
    /// to_acct and to_route)`.
    pub replaces: String,
}

impl ReadEndpoint {
    /// The endpoint's path (`/accounts/{account}/balance`).
    pub fn path(&self) -> &str {
        self.endpoint.split_once(' ').map_or("", |(_, p)| p)
    }
}

/// The endpoints replacing one foreign read of `resource` (a read of `access.table` by another
/// service), one per declared query shape, merged when two shapes give the same endpoint; empty
/// when no query says how the table is read.
pub fn derive(
    arch: &Architecture,
    access: &Access,
    resource: &Resource,
    resources: &BTreeMap<String, Resource>,
) -> Vec<ReadEndpoint> {
    let table = arch.table(&access.table);
    let mut out: Vec<ReadEndpoint> = Vec::new();
    for shape in &access.shapes {
        let endpoint = from_shape(shape, table, resource, resources);
        match out.iter_mut().find(|e| e.endpoint == endpoint.endpoint) {
            Some(same) => {
                for param in endpoint.query_params {
                    if !same.query_params.iter().any(|p| p.name == param.name) {
                        same.query_params.push(param);
                    }
                }
                same.replaces = format!("{} and {}", same.replaces, endpoint.replaces);
            }
            None => out.push(endpoint),
        }
    }
    out
}

/// The filters of a shape grouped into parameters by stem, in first-seen order, each with
/// whether it names another entity and, when it is a foreign key, the resource it refers to.
struct Grouped {
    params: Vec<(Param, String, bool)>,
}

fn group(
    columns: &[&str],
    table: Option<&Table>,
    own_entity: Option<&str>,
    resources: &BTreeMap<String, Resource>,
) -> Grouped {
    let mut params: Vec<(Param, String, bool)> = Vec::new();
    for column in columns {
        let (stem, entity, identifying) = naming::column_stem(column);
        // A foreign key names the entity of the table it refers to.
        let referred = table.and_then(|t| {
            t.foreign_keys
                .iter()
                .find(|fk| fk.columns.len() == 1 && fk.columns.iter().any(|c| c == column))
                .and_then(|fk| resources.get(&fk.references))
        });
        // A column naming the table's own entity (`account_no` of `accounts`) looks the table
        // itself up: a filter, not a parent to nest under.
        let own = own_entity.is_some_and(|own| own.eq_ignore_ascii_case(&entity));
        let (segment, identifying) = match referred {
            Some(r) => (r.slug.clone(), true),
            None => (naming::slug(&naming::plural(&entity)), identifying && !own),
        };
        match params.iter_mut().find(|(p, _, _)| p.name == stem) {
            Some((p, _, _)) => p.columns.push((*column).to_string()),
            None => params.push((
                Param {
                    name: stem,
                    columns: vec![(*column).to_string()],
                },
                segment,
                identifying,
            )),
        }
    }
    Grouped { params }
}

/// The endpoint replacing one query's read.
fn from_shape(
    shape: &ReadShape,
    table: Option<&Table>,
    resource: &Resource,
    resources: &BTreeMap<String, Resource>,
) -> ReadEndpoint {
    let equal: Vec<&str> = columns(shape, FilterKind::Equal);
    let ranges: Vec<&str> = columns(shape, FilterKind::Range);
    let cursor = columns(shape, FilterKind::Cursor)
        .first()
        .map(|c| (*c).to_string());
    let replaces = describe(shape);
    let keyed = table.is_some_and(|t| {
        !t.primary_key.is_empty()
            && t.primary_key
                .iter()
                .all(|k| equal.iter().any(|c| c.eq_ignore_ascii_case(k)))
    });
    if shape.aggregates.is_empty() && keyed {
        let path_params = resource
            .params
            .iter()
            .map(|(name, column)| Param {
                name: name.clone(),
                columns: vec![column.clone()],
            })
            .collect();
        return ReadEndpoint {
            endpoint: resource.read_endpoint(),
            relation: resource.relation.clone(),
            kind: EndpointKind::Item,
            path_params,
            query_params: Vec::new(),
            replaces,
        };
    }
    let own = Some(resource.entity.as_str());
    let mut grouped = group(&equal, table, own, resources).params;
    let leading = grouped.iter().position(|(_, _, identifying)| *identifying);
    let mut path = String::new();
    let mut path_params = Vec::new();
    if let Some((param, segment, _)) = leading.map(|at| grouped.remove(at)) {
        path = format!("/{segment}/{{{}}}", param.name);
        path_params.push(param);
    }
    let mut query_params: Vec<Param> = grouped.into_iter().map(|(p, _, _)| p).collect();
    for (param, _, _) in group(&ranges, table, own, resources).params {
        if !query_params.iter().any(|p| p.name == param.name) {
            query_params.push(param);
        }
    }
    let kind = if shape.aggregates.is_empty() {
        path.push_str(&resource.list_path());
        EndpointKind::List {
            cursor,
            order: shape.order_by.clone(),
        }
    } else {
        let aggregates = aggregates(shape, &resource.slug);
        let first = aggregates
            .first()
            .map(|(name, _, _)| name.clone())
            .unwrap_or_default();
        if first == "balance" {
            if path.is_empty() {
                path.push_str(&resource.list_path());
            }
            path.push_str("/balance");
        } else {
            path.push_str(&resource.list_path());
            path.push('/');
            path.push_str(&naming::slug(&first).replace('_', "-"));
        }
        EndpointKind::Aggregate(aggregates)
    };
    ReadEndpoint {
        endpoint: format!("GET {path}"),
        relation: resource.relation.clone(),
        kind,
        path_params,
        query_params,
        replaces,
    }
}

/// The columns a shape compares in one way, in order.
fn columns(shape: &ReadShape, kind: FilterKind) -> Vec<&str> {
    shape
        .filters
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.column.as_str())
        .collect()
}

/// The distinct aggregates of a shape, each with its property name: `balance` for a sum of an
/// amount, `count` for a count of rows, `<column>_<function>` otherwise.
fn aggregates(shape: &ReadShape, slug: &str) -> Vec<(String, String, Option<String>)> {
    let mut out: Vec<(String, String, Option<String>)> = Vec::new();
    for aggregate in &shape.aggregates {
        let column = aggregate.column.clone();
        let function = aggregate.function.clone();
        let is_amount = column
            .as_deref()
            .is_some_and(|c| c.to_ascii_lowercase().contains("amount"));
        let name = match (&column, function.as_str()) {
            (_, "sum") if is_amount => "balance".to_string(),
            (None, "count") => "count".to_string(),
            (Some(c), f) => naming::identifier(&format!("{}_{f}", c.to_ascii_lowercase())),
            (None, f) => naming::identifier(&format!("{slug}_{f}")),
        };
        if !out.iter().any(|(n, _, _)| *n == name) {
            out.push((name, function, column));
        }
    }
    out
}

/// A short account of a query's read for the narrative: `its query on line 40 (the sum of
/// amount, by to_acct and to_route)`.
fn describe(shape: &ReadShape) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for aggregate in &shape.aggregates {
        let text = match &aggregate.column {
            Some(c) => format!("{}({c})", aggregate.function.to_ascii_uppercase()),
            None => format!("{}(*)", aggregate.function.to_ascii_uppercase()),
        };
        if !seen.contains(&text) {
            seen.push(text);
        }
    }
    let by: Vec<String> = shape
        .filters
        .iter()
        .filter(|f| f.kind != FilterKind::Cursor)
        .map(|f| f.column.clone())
        .collect();
    let by = (!by.is_empty()).then(|| format!("by {}", naming::list(&by)));
    match (seen.is_empty(), by) {
        (false, Some(by)) => parts.push(format!("{} {by}", naming::list(&seen))),
        (false, None) => parts.push(naming::list(&seen)),
        (true, Some(by)) => parts.push(by),
        (true, None) => {}
    }
    if let Some(cursor) = shape.filters.iter().find(|f| f.kind == FilterKind::Cursor) {
        parts.push(format!("from a cursor on {}", cursor.column));
    }
    if !shape.order_by.is_empty() {
        let order: Vec<String> = shape
            .order_by
            .iter()
            .map(|(c, desc)| {
                if *desc {
                    format!("{c} descending")
                } else {
                    c.clone()
                }
            })
            .collect();
        parts.push(format!("ordered by {}", naming::list(&order)));
    }
    let what = if parts.is_empty() {
        "no filter on it".to_string()
    } else {
        parts.join(", ")
    };
    format!(
        "its query on line {} of the services file ({what})",
        shape.span.line
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeAggregate, ShapeFilter};
    use crate::source::{Pane, Span};

    fn resource(slug: &str, params: &[(&str, &str)]) -> Resource {
        Resource {
            relation: format!("table:{slug}"),
            slug: slug.to_string(),
            entity: naming::singular(slug),
            class: naming::class_name(&naming::singular(slug)),
            params: params
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
        }
    }

    fn filter(column: &str, kind: FilterKind) -> ShapeFilter {
        ShapeFilter {
            column: column.to_string(),
            kind,
        }
    }

    fn shape(filters: Vec<ShapeFilter>, aggregates: &[(&str, Option<&str>)]) -> ReadShape {
        ReadShape {
            filters,
            aggregates: aggregates
                .iter()
                .map(|(f, c)| ShapeAggregate {
                    function: f.to_string(),
                    column: c.map(str::to_string),
                })
                .collect(),
            order_by: Vec::new(),
            limited: false,
            span: Span::new(Pane::Services, 7, 9),
        }
    }

    /// Derives the endpoint of `shape` over a `transactions` table keyed by `transaction_id`
    /// and renders it: `GET path ?query params [kind]`.
    fn check(shape: ReadShape, expected: &str) {
        let table = Table {
            id: "table:transactions".into(),
            schema: None,
            name: "transactions".into(),
            columns: Vec::new(),
            primary_key: vec!["transaction_id".into()],
            foreign_keys: Vec::new(),
            span: Span::new(Pane::Schema, 1, 1),
            recovered: false,
            partition_of: None,
            forbids: Vec::new(),
        };
        let r = resource("transactions", &[("transaction_id", "transaction_id")]);
        let e = from_shape(&shape, Some(&table), &r, &BTreeMap::new());
        let query: Vec<String> = e.query_params.iter().map(|p| p.name.clone()).collect();
        let kind = match &e.kind {
            EndpointKind::Item => "item".to_string(),
            EndpointKind::List { cursor, .. } => format!("list, cursor {cursor:?}"),
            EndpointKind::Aggregate(a) => {
                let names: Vec<&str> = a.iter().map(|(n, _, _)| n.as_str()).collect();
                format!("aggregate {}", names.join(", "))
            }
        };
        assert_eq!(
            format!(
                "{} ?{} [{kind}] {}",
                e.endpoint,
                query.join("&"),
                e.replaces
            ),
            expected
        );
    }

    #[test]
    fn a_sum_of_an_amount_by_account_is_the_account_balance() {
        check(
            shape(
                vec![
                    filter("to_acct", FilterKind::Equal),
                    filter("to_route", FilterKind::Equal),
                    filter("from_acct", FilterKind::Equal),
                    filter("from_route", FilterKind::Equal),
                ],
                &[("sum", Some("amount")), ("sum", Some("amount"))],
            ),
            "GET /accounts/{account}/balance ?route [aggregate balance] its query on line 7 \
             of the services file (SUM(amount) by to_acct, to_route, from_acct and from_route)",
        );
    }

    #[test]
    fn other_aggregates_nest_under_the_collection() {
        check(
            shape(
                vec![filter("account_id", FilterKind::Equal)],
                &[("count", None)],
            ),
            "GET /accounts/{account_id}/transactions/count ? [aggregate count] its query on \
             line 7 of the services file (COUNT(*) by account_id)",
        );
        check(
            shape(vec![], &[("max", Some("booked_at"))]),
            "GET /transactions/booked-at-max ? [aggregate booked_at_max] its query on line 7 \
             of the services file (MAX(booked_at))",
        );
    }

    #[test]
    fn by_key_reads_stay_item_reads() {
        check(
            shape(vec![filter("transaction_id", FilterKind::Equal)], &[]),
            "GET /transactions/{transaction_id} ? [item] its query on line 7 of the services file (by transaction_id)",
        );
    }

    #[test]
    fn other_reads_are_paginated_lists() {
        check(
            shape(
                vec![
                    filter("status", FilterKind::Equal),
                    filter("from_acct", FilterKind::Equal),
                    filter("amount", FilterKind::Range),
                    filter("booked_at", FilterKind::Cursor),
                ],
                &[],
            ),
            "GET /accounts/{account}/transactions ?status&amount [list, cursor Some(\"booked_at\")] \
             its query on line 7 of the services file (by status, from_acct and amount, from a cursor on booked_at)",
        );
        // A column naming the table's own entity filters it; nothing to nest under.
        check(
            shape(vec![filter("transaction_no", FilterKind::Equal)], &[]),
            "GET /transactions ?transaction_no [list, cursor None] its query on line 7 of the \
             services file (by transaction_no)",
        );
        check(
            shape(vec![filter("transaction_id", FilterKind::Cursor)], &[]),
            "GET /transactions ? [list, cursor Some(\"transaction_id\")] its query on line 7 \
             of the services file (from a cursor on transaction_id)",
        );
    }
}
