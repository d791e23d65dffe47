//! docker-compose files (v2, v3 and the Compose specification): each entry of `services:` is a
//! workload with its `image`, `build` context, `environment` (list or mapping), `env_file`
//! (when that file is among the files read), `depends_on` (list or mapping), `container_name`
//! and `hostname`, and the volumes that mount SQL into `/docker-entrypoint-initdb.d`. `${…}` in
//! values is replaced from the `.env` file beside the compose file, as compose does.

use super::{
    dotenv, entries, folder_of, get, items, join, settings_of, substitute, text, yaml_problems,
    Origin, Setting, Workload,
};
use crate::services::yaml;
use std::collections::BTreeMap;

/// Whether a file name is a compose file (`docker-compose.yml`, `compose.yaml`,
/// `docker-compose.prod.yml`).
pub(crate) fn is_compose_file(name: &str) -> bool {
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    yaml && (name.starts_with("docker-compose") || name.starts_with("compose."))
        || name == "compose.yml"
}

/// Where database images run the scripts they find at first start.
const INIT_FOLDER: &str = "/docker-entrypoint-initdb.d";

/// The workloads of one compose file. `files` are all the repository's files by path, for
/// `env_file` and the `.env` beside the compose file; what cannot be read goes to `problems`.
pub(crate) fn read(
    path: &str,
    source: &str,
    files: &BTreeMap<&str, &str>,
    problems: &mut Vec<String>,
) -> Vec<Workload> {
    let folder = folder_of(path);
    let beside = join(folder, ".env")
        .and_then(|env| {
            files
                .get(env.as_str())
                .map(|env_text| dotenv::read(&env, env_text))
        })
        .unwrap_or_default();
    let variables: BTreeMap<String, String> = beside
        .iter()
        .map(|s| (s.key.clone(), s.value.clone()))
        .collect();
    let lookup = |name: &str| variables.get(name).cloned();
    let document = yaml::read(source);
    problems.extend(yaml_problems(path, &document.diagnostics));
    let Some(root) = document.root else {
        return Vec::new();
    };
    let Some(services) = get(&root, "services") else {
        return Vec::new();
    };
    let mut workloads = Vec::new();
    for (key, body) in entries(services) {
        let Some(name) = text_of(key) else { continue };
        let mut workload = Workload::new(name, Origin::of(path, key));
        if let Some(image) = get(body, "image").and_then(text) {
            workload
                .images
                .push((substitute(image, &lookup), Origin::of(path, body)));
        }
        let context = get(body, "build").and_then(|build| match text(build) {
            Some(context) => Some(context),
            None => get(build, "context").and_then(text),
        });
        if let Some(folder) = context.and_then(|c| join(folder, &substitute(c, &lookup))) {
            workload.folders.push(folder);
        }
        for alias in ["container_name", "hostname"] {
            if let Some(alias) = get(body, alias).and_then(text) {
                workload.aliases.push(alias.to_ascii_lowercase());
            }
        }
        // `networks: {back: {aliases: [db]}}` gives more names on that network.
        for (_, network) in get(body, "networks").map(entries).into_iter().flatten() {
            for alias in get(network, "aliases").map(items).unwrap_or_default() {
                if let Some(alias) = text_of(alias) {
                    workload.aliases.push(alias.to_ascii_lowercase());
                }
            }
        }
        // env_file first: `environment` wins over it, as in compose.
        if let Some(env_files) = get(body, "env_file") {
            let listed: Vec<&yaml::Node> = match text(env_files) {
                Some(_) => vec![env_files],
                None => items(env_files).iter().collect(),
            };
            for node in listed {
                let relative = text(node).or_else(|| get(node, "path").and_then(text));
                let Some(env_path) = relative.and_then(|r| join(folder, r)) else {
                    continue;
                };
                if let Some(env_text) = files.get(env_path.as_str()) {
                    workload.settings.extend(dotenv::read(&env_path, env_text));
                }
            }
        }
        if let Some(environment) = get(body, "environment") {
            for setting in settings_of(path, environment) {
                workload.settings.push(Setting {
                    value: substitute(&setting.value, &lookup),
                    ..setting
                });
            }
        }
        if let Some(depends_on) = get(body, "depends_on") {
            let names: Vec<&yaml::Node> = match text(depends_on) {
                Some(_) => vec![depends_on],
                None if items(depends_on).is_empty() => {
                    entries(depends_on).map(|(k, _)| k).collect()
                }
                None => items(depends_on).iter().collect(),
            };
            for node in names {
                if let Some(name) = text_of(node) {
                    workload
                        .depends_on
                        .push((name.to_string(), Origin::of(path, node)));
                }
            }
        }
        for volume in get(body, "volumes").map(items).unwrap_or_default() {
            let (source, target) = match text(volume) {
                Some(short) => {
                    let mut parts = short.splitn(3, ':');
                    (parts.next(), parts.next())
                }
                None => (
                    get(volume, "source").and_then(text),
                    get(volume, "target").and_then(text),
                ),
            };
            let (Some(source), Some(target)) = (source, target) else {
                continue;
            };
            let into_init = target.trim_end_matches('/') == INIT_FOLDER
                || target.starts_with(&format!("{INIT_FOLDER}/"));
            if into_init && (source.starts_with('.') || source.contains('/')) {
                if let Some(mounted) = join(folder, &substitute(source, &lookup)) {
                    workload.init_sql.push((mounted, Origin::of(path, volume)));
                }
            }
        }
        workloads.push(workload);
    }
    workloads
}

/// A non-empty scalar's text.
fn text_of(node: &yaml::Node) -> Option<&str> {
    text(node).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPOSE: &str = r#"version: "3.8"
services:
  orders:
    build: ./orders
    environment:
      - DATABASE_URL=postgres://orders:${ORDERS_PW}@orders-db:5432/${ORDERS_DB:-orders}
      - CATALOG_URL=http://catalog:8080
    env_file: orders/orders.env
    depends_on:
      - orders-db
  catalog:
    build:
      context: ./catalog
      dockerfile: Dockerfile
    environment:
      MONGO_URI: mongodb://catalog-mongo:27017/catalog
    depends_on:
      catalog-mongo:
        condition: service_healthy
  orders-db:
    image: postgres:16-alpine
    container_name: orders-postgres
    networks:
      back:
        aliases: [orders-primary]
    environment:
      POSTGRES_DB: orders
      POSTGRES_PASSWORD: ${ORDERS_PW}
    volumes:
      - ./db/orders:/docker-entrypoint-initdb.d:ro
      - pgdata:/var/lib/postgresql/data
  catalog-mongo:
    image: mongo:7
    volumes:
      - type: bind
        source: ./db/catalog/init.js
        target: /docker-entrypoint-initdb.d/init.js
"#;

    fn workloads() -> Vec<Workload> {
        let files = BTreeMap::from([
            (
                "deploy/.env",
                "ORDERS_PW=very-secret\nORDERS_DB=orders_main\n",
            ),
            ("deploy/orders/orders.env", "CACHE_HOST=cache\n"),
        ]);
        read(
            "deploy/docker-compose.yml",
            COMPOSE,
            &files,
            &mut Vec::new(),
        )
    }

    #[test]
    fn services_images_builds_and_aliases() {
        let workloads = workloads();
        let names: Vec<&str> = workloads.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["orders", "catalog", "orders-db", "catalog-mongo"]);
        assert_eq!(workloads[0].folders, ["deploy/orders"]);
        assert_eq!(workloads[1].folders, ["deploy/catalog"]);
        assert_eq!(workloads[2].images[0].0, "postgres:16-alpine");
        assert_eq!(workloads[2].aliases, ["orders-postgres", "orders-primary"]);
        assert_eq!(
            workloads[0].origin.to_string(),
            "deploy/docker-compose.yml:3"
        );
    }

    #[test]
    fn environment_lists_maps_env_files_and_substitution() {
        let workloads = workloads();
        let orders: Vec<(&str, &str, String)> = workloads[0]
            .settings
            .iter()
            .map(|s| (s.key.as_str(), s.value.as_str(), s.origin.to_string()))
            .collect();
        assert_eq!(
            orders,
            [
                (
                    "CACHE_HOST",
                    "cache",
                    "deploy/orders/orders.env:1".to_string()
                ),
                (
                    "DATABASE_URL",
                    "postgres://orders:very-secret@orders-db:5432/orders_main",
                    "deploy/docker-compose.yml:6".to_string()
                ),
                (
                    "CATALOG_URL",
                    "http://catalog:8080",
                    "deploy/docker-compose.yml:7".to_string()
                ),
            ]
        );
        assert_eq!(workloads[1].settings[0].key, "MONGO_URI");
    }

    #[test]
    fn depends_on_lists_and_maps_and_init_mounts() {
        let workloads = workloads();
        assert_eq!(workloads[0].depends_on[0].0, "orders-db");
        assert_eq!(workloads[1].depends_on[0].0, "catalog-mongo");
        assert_eq!(workloads[2].init_sql[0].0, "deploy/db/orders");
        assert_eq!(workloads[3].init_sql[0].0, "deploy/db/catalog/init.js");
    }

    #[test]
    fn merge_keys_share_settings_between_services() {
        let text = r#"x-common: &common
  environment: &env
    DB_URL: postgres://app:pw@db/app
    LOG: info
  depends_on: [db]
services:
  api:
    <<: *common
    image: api:1
  worker:
    image: worker:1
    environment:
      <<: *env
      LOG: debug
  db:
    image: postgres:16
"#;
        let workloads = read(
            "docker-compose.yml",
            text,
            &BTreeMap::new(),
            &mut Vec::new(),
        );
        let settings = |w: &Workload| -> Vec<(String, String)> {
            w.settings
                .iter()
                .map(|s| (s.key.clone(), s.value.clone()))
                .collect()
        };
        let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(
            settings(&workloads[0]),
            [
                pair("DB_URL", "postgres://app:pw@db/app"),
                pair("LOG", "info")
            ]
        );
        assert_eq!(workloads[0].depends_on[0].0, "db");
        assert_eq!(
            settings(&workloads[1]),
            [
                pair("DB_URL", "postgres://app:pw@db/app"),
                pair("LOG", "info"),
                pair("LOG", "debug")
            ]
        );
    }

    #[test]
    fn compose_file_names() {
        for name in [
            "docker-compose.yml",
            "docker-compose.prod.yaml",
            "compose.yaml",
        ] {
            assert!(is_compose_file(name), "{name}");
        }
        assert!(!is_compose_file("services.yaml") && !is_compose_file("docker-compose.md"));
    }

    #[test]
    fn broken_or_foreign_yaml_gives_nothing() {
        let files = BTreeMap::new();
        let mut problems = Vec::new();
        assert!(read("c.yml", "services: [", &files, &mut problems).is_empty());
        assert!(read("c.yml", "just: text", &files, &mut problems).is_empty());
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("c.yml:2: YAML syntax error"),
            "{problems:?}"
        );
    }
}
