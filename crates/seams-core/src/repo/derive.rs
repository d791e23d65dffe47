//! What the readers found, joined: workloads merged by name (a compose service and a Kubernetes
//! Deployment of one name are one), Spring modules given to the workload that runs them, the
//! workloads that are stores (a database image, or the host of a database URL) told from the
//! services, and each service's settings read for the stores it connects to, the brokers it
//! uses and the services it calls. SQL files are bound to the database whose container mounts
//! them or whose service holds them.

use super::code_sql::{self, CodeSql};
use super::models::{self, ModelFile};
use super::url::{self, Target};
use super::writes;
use super::{
    compose, dockerfile, dotenv, file_name, folder_of, inside, join, kubernetes, lookup_table,
    spring, substitute, write, File, Import, Options, Origin, SchemaFile, Setting, Workload,
};
use crate::model::StoreKind;
use std::collections::{BTreeMap, BTreeSet};

/// A store as the URLs name it: its server (None for `localhost` or none given) and database.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct StoreKey {
    pub host: Option<String>,
    pub database: Option<String>,
}

/// A store found, with what it is and where that was read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    pub kind: Option<StoreKind>,
    pub origins: BTreeSet<Origin>,
}

/// What one service was found to use.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServiceFacts {
    pub name: String,
    pub origin: Option<Origin>,
    pub stores: BTreeMap<StoreKey, BTreeSet<Origin>>,
    pub calls: BTreeMap<String, BTreeSet<Origin>>,
    /// Brokers by (kind, host).
    pub brokers: BTreeMap<(String, String), BTreeSet<Origin>>,
    /// Where an in-process database is configured.
    pub embedded: BTreeSet<Origin>,
    /// Its ORM model files (in its code folder), each a read of the tables it maps.
    pub models: Vec<ModelFile>,
    /// Tables its code writes through its models, with where (`repo::writes`).
    pub writes: BTreeMap<String, Origin>,
    /// The SQL strings of its code (`repo::code_sql`).
    pub sql: CodeSql,
}

/// Everything derived, ready to be written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Derived {
    pub services: Vec<ServiceFacts>,
    pub stores: BTreeMap<StoreKey, Store>,
    /// The name each store gets in the `databases:` section.
    pub names: BTreeMap<StoreKey, String>,
    pub schema: Vec<SchemaFile>,
    /// The Spring profiles read besides the default one (picked, or activated by a service).
    pub profiles_read: Vec<String>,
    pub profiles: Vec<String>,
    pub files_used: usize,
    /// Files not read because they sit in variant or example folders, by folder name.
    pub left_out: BTreeMap<String, usize>,
    /// What could not be read.
    pub problems: Vec<String>,
}

/// An image's name without registry, tag or digest, in lower case
/// (`registry.example/bank/frontend:v1@sha256:…` → `frontend`).
fn image_name(image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split([':', '@'])
        .next()
        .unwrap_or(last)
        .to_ascii_lowercase()
}

/// The store kind an image runs, from its name without registry and tag
/// (`docker.io/library/postgres:16` → postgres); brokers give their kind in the second place.
fn image_kind(image: &str) -> Option<Kind> {
    let name = image_name(image);
    let store = |kind| Some(Kind::Store(kind));
    match name.as_str() {
        "postgres" | "postgresql" | "postgis" | "timescaledb" => store(StoreKind::Postgres),
        "mysql" | "mariadb" | "percona" | "mysql-server" => store(StoreKind::Mysql),
        "mssql" | "mssql-server" | "azure-sql-edge" => store(StoreKind::Mssql),
        "mongo" | "mongodb" | "mongodb-community-server" => store(StoreKind::Mongodb),
        "redis" | "redis-stack" | "valkey" | "keydb" => store(StoreKind::Redis),
        "memcached" => store(StoreKind::Memcached),
        "kafka" | "cp-kafka" | "redpanda" => Some(Kind::Broker("kafka")),
        "rabbitmq" => Some(Kind::Broker("rabbitmq")),
        "nats" => Some(Kind::Broker("nats")),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Store(StoreKind),
    Broker(&'static str),
}

/// What a workload is, once URLs have been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Service,
    Store(Option<StoreKind>),
    Broker(&'static str),
}

/// Environment keys whose value names a host that is called (`BALANCES_API_ADDR`).
fn names_a_host(key: &str) -> bool {
    let upper = key.to_ascii_uppercase().replace(['.', '-'], "_");
    [
        "_ADDR",
        "_ADDRESS",
        "_URL",
        "_URI",
        "_HOST",
        "_HOSTNAME",
        "_ENDPOINT",
        "_SERVICE",
        "_SERVER",
    ]
    .iter()
    .any(|end| upper.ends_with(end))
        || upper == "HOST"
}

/// A key in Spring's relaxed form: lower case, `_` as `.`, no `-` (`SPRING_DATA_MONGODB_HOST`
/// and `spring.data.mongodb.host` are one key).
fn relaxed(key: &str) -> String {
    key.to_ascii_lowercase().replace('_', ".").replace('-', "")
}

/// Whether a host is this machine, which names no other workload.
fn is_local(host: &str) -> bool {
    matches!(
        host,
        "localhost" | "127.0.0.1" | "0.0.0.0" | "::1" | "host.docker.internal"
    )
}

pub(crate) fn derive(files: &[File<'_>], options: &Options) -> Import {
    let derived = gather(files, options);
    write::write(&derived)
}

/// Merges `other` into `into` (one program found in two places).
fn merge(into: &mut Workload, other: Workload) {
    into.images.extend(other.images);
    into.folders.extend(other.folders);
    into.settings.extend(other.settings);
    into.depends_on.extend(other.depends_on);
    into.init_sql.extend(other.init_sql);
    into.aliases.extend(other.aliases);
    into.one_off &= other.one_off;
}

/// Folders holding variants, examples and tests of a system rather than the system itself
/// (Bank of Anthos keeps a Cloud SQL variant of every manifest under `extras/`).
const VARIANT_FOLDERS: [&str; 14] = [
    "extras", "examples", "example", "samples", "sample", "docs", "doc", "test", "tests", "e2e",
    "testdata", "fixtures", "contrib", "hack",
];

/// The variant folder a path is in (`extras/cloudsql/x.yaml` → `extras`): one of the first two
/// folders, so a Java package named `samples` (`src/main/java/com/samples/…`) is no variant.
fn variant_folder(path: &str) -> Option<&str> {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts
        .into_iter()
        .take(2)
        .find(|part| VARIANT_FOLDERS.contains(&part.to_ascii_lowercase().as_str()))
}

/// Everything derived from the files; variants and examples are read only when the rest holds
/// no workload.
fn gather(all_files: &[File<'_>], options: &Options) -> Derived {
    let main: Vec<File<'_>> = all_files
        .iter()
        .filter(|f| variant_folder(f.path).is_none())
        .copied()
        .collect();
    let first = gather_from(&main, options);
    if !first.services.is_empty() || !first.stores.is_empty() || main.len() == all_files.len() {
        let mut left_out: BTreeMap<String, usize> = BTreeMap::new();
        for file in all_files {
            if let Some(folder) = variant_folder(file.path) {
                *left_out.entry(folder.to_string()).or_default() += 1;
            }
        }
        return Derived { left_out, ..first };
    }
    gather_from(all_files, options)
}

/// The steps, in order: read the files into workloads and Spring modules, tie Dockerfiles to
/// workloads, serve config-server files to the modules, join the modules to their workloads,
/// add each service's own `.env`, drop the envFrom addresses its code never names, then tell
/// stores from services, give each its ORM model files and bind the SQL.
fn gather_from(files: &[File<'_>], options: &Options) -> Derived {
    let by_path: BTreeMap<&str, &str> = files.iter().map(|f| (f.path, f.text)).collect();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut problems: Vec<String> = Vec::new();
    let (mut workloads, mut modules) = read_files(files, &by_path, &mut used, &mut problems);
    link_dockerfiles(&mut workloads, files, &mut used);
    let (served, mut unread) = serve_configuration(&mut modules, files, &by_path, &mut used);
    problems.append(&mut unread);
    let (profiles, profiles_read) = join_modules(&mut workloads, &served, options);
    attach_env_files(&mut workloads, files, &mut used);
    keep_whole_map_keys_the_code_names(&mut workloads, files);
    let mut derived = classify(&workloads);
    give_models(&mut derived, files, &workloads, &mut used);
    derived.schema = bind_schema(files, &workloads, &derived);
    for file in &derived.schema {
        used.insert(file.path.clone());
    }
    for workload in &workloads {
        for setting in &workload.settings {
            used.insert(setting.origin.path.clone());
        }
    }
    derived.profiles_read = profiles_read.into_iter().collect();
    derived.profiles = profiles.into_iter().collect();
    derived.files_used = used.len();
    problems.append(&mut derived.problems);
    derived.problems = problems;
    derived
}

/// Gives each service the ORM model files in its code folders, the writes its code makes
/// through them and the SQL strings its code holds (JPQL read through its models), each read
/// in the dialect of the service's first SQL store. A string that could not be read is also a
/// problem, so the command line names it.
fn give_models(
    derived: &mut Derived,
    files: &[File<'_>],
    workloads: &[Workload],
    used: &mut BTreeSet<String>,
) {
    let mut models = models::by_workload(files, workloads);
    let wanted: BTreeSet<&str> = derived.services.iter().map(|s| s.name.as_str()).collect();
    let code = models::code_by_workload(files, workloads, &wanted);
    for service in &mut derived.services {
        service.models = models.remove(&service.name).unwrap_or_default();
        let classes: BTreeMap<String, String> = service
            .models
            .iter()
            .flat_map(|m| m.classes.clone())
            .collect();
        if let Some(code) = code.get(&service.name) {
            service.writes = writes::writes(code, &classes);
            let dialect = dialect_of(service, &derived.stores);
            service.sql = code_sql::read(code, &service.models, dialect);
        }
        for model in &service.models {
            used.insert(model.path.clone());
        }
        for query in &service.sql.queries {
            used.insert(query.origin.path.clone());
        }
        for (origin, why) in &service.sql.unread {
            derived
                .problems
                .push(format!("{origin}: could not read the SQL: {why}"));
        }
    }
}

/// The SQL dialect of a service's first store that says one (PostgreSQL, MySQL, SQL Server,
/// SQLite); generic SQL otherwise.
fn dialect_of(service: &ServiceFacts, stores: &BTreeMap<StoreKey, Store>) -> crate::model::Dialect {
    use crate::model::Dialect;
    service
        .stores
        .keys()
        .filter_map(|key| stores.get(key)?.kind)
        .find_map(|kind| match kind {
            StoreKind::Postgres => Some(Dialect::Postgres),
            StoreKind::Mysql => Some(Dialect::MySql),
            StoreKind::Mssql => Some(Dialect::MsSql),
            StoreKind::Sqlite => Some(Dialect::Sqlite),
            _ => None,
        })
        .unwrap_or(Dialect::Generic)
}

/// Reads the compose files and Kubernetes manifests into workloads (one per name: a compose
/// service and a Deployment of one name are one) and the Spring configuration into modules.
fn read_files(
    files: &[File<'_>],
    by_path: &BTreeMap<&str, &str>,
    used: &mut BTreeSet<String>,
    problems: &mut Vec<String>,
) -> (Vec<Workload>, spring::Modules) {
    let mut workloads: Vec<Workload> = Vec::new();
    let add = |workloads: &mut Vec<Workload>, workload: Workload| {
        let lower = workload.name.to_ascii_lowercase();
        match workloads
            .iter_mut()
            .find(|w| w.name.to_ascii_lowercase() == lower)
        {
            Some(existing) => merge(existing, workload),
            None => workloads.push(workload),
        }
    };
    let mut manifests = kubernetes::Manifests::default();
    let mut modules = spring::Modules::default();
    for file in files {
        let name = file_name(file.path);
        let skipped = file.path.starts_with(".github/") || file.path.contains("/.github/");
        if compose::is_compose_file(name) {
            let found = compose::read(file.path, file.text, by_path, problems);
            if !found.is_empty() {
                used.insert(file.path.to_string());
            }
            for workload in found {
                add(&mut workloads, workload);
            }
        } else if spring::is_config_file(name) {
            modules.read(file.path, file.text);
            used.insert(file.path.to_string());
        } else if (name.ends_with(".yaml") || name.ends_with(".yml"))
            && !skipped
            && kubernetes::looks_like_manifests(file.text)
        {
            kubernetes::read(file.path, file.text, &mut manifests);
        }
    }
    problems.append(&mut manifests.problems);
    for workload in manifests.resolve() {
        used.insert(workload.origin.path.clone());
        add(&mut workloads, workload);
    }
    (workloads, modules)
}

/// A Dockerfile's folder is the code of the workload built from it: the one whose build
/// context it is, or named like its folder, or running an image named like it.
fn link_dockerfiles(workloads: &mut [Workload], files: &[File<'_>], used: &mut BTreeSet<String>) {
    for file in files {
        if !dockerfile::is_dockerfile(file_name(file.path)) {
            continue;
        }
        let found = dockerfile::read(file.path, file.text);
        let name = dockerfile::folder_name(&found).to_ascii_lowercase();
        let built = |w: &Workload| {
            w.folders.contains(&found.folder)
                || (!name.is_empty()
                    && (w.name.to_ascii_lowercase() == name
                        || w.images.iter().any(|(image, _)| image_name(image) == name)))
        };
        let Some(workload) = workloads.iter_mut().find(|w| built(w)) else {
            continue;
        };
        used.insert(file.path.to_string());
        if !workload.folders.contains(&found.folder) {
            workload.folders.push(found.folder.clone());
        }
        workload.images.extend(found.base);
        workload.init_sql.extend(found.init_sql);
    }
}

/// A config server's repository (files named after the applications beside a shared
/// `application.yml`) served to each module before its own configuration, and each module's
/// store properties kept only when its build file brings their library. Returns the modules
/// and what could not be read.
fn serve_configuration(
    modules: &mut spring::Modules,
    files: &[File<'_>],
    by_path: &BTreeMap<&str, &str>,
    used: &mut BTreeSet<String>,
) -> (Vec<spring::Module>, Vec<String>) {
    let apps = modules.application_names();
    let mut config_folders: BTreeSet<&str> = BTreeSet::new();
    for file in files {
        let name = file_name(file.path);
        let Some(stem) = [".yml", ".yaml", ".properties"]
            .iter()
            .find_map(|end| name.strip_suffix(end))
        else {
            continue;
        };
        if spring::is_config_file(name) || file.path.contains("src/test/") {
            continue;
        }
        let app = apps.iter().find_map(|app| {
            let rest = stem.strip_prefix(app.as_str())?;
            match rest.strip_prefix('-') {
                _ if rest.is_empty() => Some((app, None)),
                Some(profile) => Some((app, Some(profile.to_string()))),
                None => None,
            }
        });
        if let Some((app, profile)) = app {
            modules.read_remote(app, profile, file.path, file.text);
            config_folders.insert(folder_of(file.path));
            used.insert(file.path.to_string());
        }
    }
    let remote = modules.take_remote();
    let problems = std::mem::take(&mut modules.problems);
    let (shared, own): (Vec<spring::Module>, Vec<spring::Module>) = std::mem::take(modules)
        .into_modules()
        .into_iter()
        .partition(|m| config_folders.contains(m.folder.as_str()));
    let build_file = |folder: &str| {
        ["pom.xml", "build.gradle", "build.gradle.kts"]
            .iter()
            .find_map(|name| {
                join(folder, name).and_then(|path| by_path.get(path.as_str()).copied())
            })
    };
    let served = own
        .iter()
        .map(|module| {
            let app = module.application_name().map(|s| s.value);
            let mut bases: Vec<&spring::Module> = shared.iter().collect();
            bases.extend(app.and_then(|app| remote.get(&app)));
            module
                .based_on(&bases)
                .without_unused_stores(build_file(&module.folder))
        })
        .collect();
    (served, problems)
}

/// Each Spring module joins the workload that runs it (whose build context holds it, or named
/// or running an image named like the application or its folder), or becomes one; its settings
/// are those of the active profiles, then the workload's environment. Returns every profile
/// found and those read.
fn join_modules(
    workloads: &mut Vec<Workload>,
    modules: &[spring::Module],
    options: &Options,
) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut profiles: BTreeSet<String> = BTreeSet::new();
    let mut profiles_read: BTreeSet<String> = BTreeSet::new();
    for module in modules {
        profiles.extend(module.profiles());
        let app = module.application_name();
        let folder_name = module.folder.rsplit('/').next().unwrap_or("").to_string();
        let app_name = app.as_ref().map(|s| s.value.to_ascii_lowercase());
        let runs = |w: &Workload| {
            let lower = w.name.to_ascii_lowercase();
            let named = |n: &str| !n.is_empty() && (lower == n || w.aliases.iter().any(|a| a == n));
            let by_image = |n: &str| {
                !n.is_empty()
                    && w.images.iter().any(|(image, _)| {
                        let last = image_name(image);
                        last == n || last.ends_with(&format!("-{n}"))
                    })
            };
            w.folders
                .iter()
                .any(|f| !f.is_empty() && inside(&module.folder, f))
                || app_name.as_deref().is_some_and(|n| named(n) || by_image(n))
                || named(&folder_name)
                || by_image(&folder_name)
        };
        let index = match workloads.iter().position(runs) {
            Some(index) => index,
            None => {
                let name = match (&app, folder_name.is_empty()) {
                    (Some(app), _) => app.value.clone(),
                    (None, false) => folder_name.clone(),
                    (None, true) => "application".to_string(),
                };
                let origin = app
                    .as_ref()
                    .map(|a| a.origin.clone())
                    .unwrap_or_else(|| Origin::at(&module.first_file, 1));
                workloads.push(Workload::new(&name, origin));
                workloads.len() - 1
            }
        };
        let Some(workload) = workloads.get_mut(index) else {
            continue;
        };
        // The picked profile, and those the service's environment or configuration activates.
        let mut active: Vec<String> = options.profile.iter().cloned().collect();
        if let Some(list) = lookup_table(&workload.settings).get("SPRING_PROFILES_ACTIVE") {
            active.extend(spring::profile_list(list));
        }
        active.extend(module.active_profiles());
        profiles_read.extend(active.iter().cloned());
        // The environment overrides the configuration files, so it comes after them.
        let mut settings = module.settings(&active);
        settings.append(&mut workload.settings);
        workload.settings = settings;
        workload.folders.push(module.folder.clone());
        if let Some(app) = app_name {
            if app != workload.name.to_ascii_lowercase() {
                workload.aliases.push(app);
            }
        }
    }
    (profiles, profiles_read)
}

/// A service's own `.env` (inside its folder) holds its settings too.
fn attach_env_files(workloads: &mut [Workload], files: &[File<'_>], used: &mut BTreeSet<String>) {
    for file in files {
        if !dotenv::is_env_file(file_name(file.path)) {
            continue;
        }
        for workload in workloads.iter_mut() {
            let own = workload
                .folders
                .iter()
                .any(|f| !f.is_empty() && inside(file.path, f));
            let read_already = workload.settings.iter().any(|s| s.origin.path == file.path);
            if own && !read_already {
                workload.settings.extend(dotenv::read(file.path, file.text));
                used.insert(file.path.to_string());
            }
        }
    }
}

/// File name endings of source code, read only for the names of settings it uses.
const CODE_FILES: [&str; 16] = [
    ".java", ".kt", ".scala", ".groovy", ".py", ".go", ".js", ".mjs", ".cjs", ".ts", ".rb", ".php",
    ".cs", ".rs", ".ex", ".exs",
];

/// The words of `text` that look like environment variable names (`BALANCES_API_ADDR`).
fn setting_names(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| {
            word.len() > 2
                && word.starts_with(|c: char| c.is_ascii_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
}

/// `envFrom` gives a workload every key of a map, used or not (Bank of Anthos gives every
/// backend all the API addresses). When the workload's code is among the files (its folder
/// holds source code, tests left out), a service address taken whole from a map is kept only if
/// the code or its Spring configuration names its key.
fn keep_whole_map_keys_the_code_names(workloads: &mut [Workload], files: &[File<'_>]) {
    for workload in workloads {
        let folders: Vec<&String> = workload.folders.iter().filter(|f| !f.is_empty()).collect();
        if folders.is_empty() || !workload.settings.iter().any(|s| s.origin.via.is_some()) {
            continue;
        }
        let mut code = false;
        let mut named: BTreeSet<&str> = BTreeSet::new();
        for file in files {
            let in_folder = folders.iter().any(|f| inside(file.path, f));
            let test = file.path.contains("/test/") || file.path.contains("/tests/");
            if !in_folder || test {
                continue;
            }
            let source = CODE_FILES.iter().any(|end| file.path.ends_with(end));
            code |= source;
            // What the program itself reads; manifests in its folder list every key anyway.
            let config = spring::is_config_file(file_name(file.path));
            if source || config {
                named.extend(setting_names(file.text));
            }
        }
        if code {
            // Only addresses of other services are checked: a database or broker URL in a map
            // is usually read by a framework under a name the code never writes
            // (`SPRING_DATASOURCE_URL`).
            let address =
                |value: &str| matches!(url::read(value), None | Some(Target::Service { .. }));
            workload.settings.retain(|s| {
                s.origin.via.is_none() || named.contains(s.key.as_str()) || !address(&s.value)
            });
        }
    }
}

/// The database a store workload creates at first start (`POSTGRES_DB`, `MYSQL_DATABASE`, …;
/// PostgreSQL's default is the user's name).
fn default_database(workload: &Workload, kind: Option<StoreKind>) -> Option<String> {
    let table = lookup_table(&workload.settings);
    let keys: &[&str] = match kind {
        Some(StoreKind::Postgres) => &["POSTGRES_DB", "POSTGRESQL_DATABASE", "POSTGRES_USER"],
        Some(StoreKind::Mysql) => &["MYSQL_DATABASE", "MARIADB_DATABASE"],
        Some(StoreKind::Mongodb) => &["MONGO_INITDB_DATABASE", "MONGODB_DATABASE"],
        _ => &[],
    };
    keys.iter()
        .find_map(|key| table.get(key))
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.contains('$'))
}

/// A service's reading of one setting.
enum Found {
    Store(StoreKind, Option<String>, Option<String>),
    Broker(&'static str, Vec<String>),
    Embedded,
    /// A host named by a URL or an address-like key.
    Host(String),
}

/// What one setting (its value with placeholders replaced) points at.
fn read_setting(key: &str, value: &str) -> Option<Found> {
    let relaxed_key = relaxed(key);
    if relaxed_key.contains("bootstrap") && relaxed_key.contains("server") {
        return url::bootstrap_servers(value).map(|t| match t {
            Target::Broker { kind, hosts } => Found::Broker(kind, hosts),
            _ => Found::Embedded,
        });
    }
    match url::read(value) {
        Some(Target::Store {
            kind,
            host,
            database,
        }) => Some(Found::Store(kind, host, database)),
        Some(Target::Broker { kind, hosts }) => Some(Found::Broker(kind, hosts)),
        Some(Target::Embedded) => Some(Found::Embedded),
        Some(Target::Service { host }) => Some(Found::Host(host)),
        None if names_a_host(key) => url::host_of(value).map(Found::Host),
        None => None,
    }
}

/// Spring's store properties written as parts (`spring.data.mongodb.host` and `.database`,
/// `spring.data.redis.host`, `spring.rabbitmq.host`), as the URLs they stand for.
fn spring_parts(settings: &BTreeMap<String, (String, Origin)>) -> Vec<(String, Origin)> {
    let mut urls = Vec::new();
    let parts = [
        ("spring.data.mongodb", "mongodb"),
        ("spring.data.redis", "redis"),
        ("spring.redis", "redis"),
        ("spring.rabbitmq", "amqp"),
    ];
    for (prefix, scheme) in parts {
        let host = settings.get(&format!("{prefix}.host"));
        let database = settings.get(&format!("{prefix}.database"));
        let origin = host.or(database).map(|(_, o)| o.clone());
        let Some(origin) = origin else { continue };
        let host = host.map_or("localhost", |(h, _)| h.as_str());
        let database = database.map_or("", |(d, _)| d.as_str());
        urls.push((format!("{scheme}://{host}/{database}"), origin));
    }
    urls
}

fn classify(workloads: &[Workload]) -> Derived {
    // Every name a workload answers to.
    let mut hosts: BTreeMap<String, usize> = BTreeMap::new();
    for (index, workload) in workloads.iter().enumerate() {
        hosts.insert(workload.name.to_ascii_lowercase(), index);
        for alias in &workload.aliases {
            hosts.entry(alias.clone()).or_insert(index);
        }
    }
    // Each workload's readings, placeholders replaced from its own settings.
    let mut readings: Vec<Vec<(Found, Origin)>> = Vec::new();
    for workload in workloads {
        let table = lookup_table(&workload.settings);
        let lookup = |name: &str| table.get(name).map(|v| v.to_string());
        let mut found = Vec::new();
        let mut by_relaxed: BTreeMap<String, (String, Origin)> = BTreeMap::new();
        for setting in &workload.settings {
            let Setting { key, value, origin } = setting;
            let value = substitute(value, &lookup);
            if let Some(reading) = read_setting(key, &value) {
                found.push((reading, origin.clone()));
            }
            by_relaxed.insert(relaxed(key), (value, origin.clone()));
        }
        for (value, origin) in spring_parts(&by_relaxed) {
            if let Some(reading) = read_setting("", &value) {
                found.push((reading, origin));
            }
        }
        readings.push(found);
    }
    // Roles: an image says, and so does a database or broker URL naming the workload.
    let mut roles: Vec<Role> = workloads
        .iter()
        .map(|w| {
            let by_image = w.images.iter().find_map(|(image, _)| image_kind(image));
            match by_image.filter(|_| !w.one_off) {
                Some(Kind::Store(kind)) => Role::Store(Some(kind)),
                Some(Kind::Broker(kind)) => Role::Broker(kind),
                None => Role::Service,
            }
        })
        .collect();
    for found in &readings {
        for (reading, _) in found {
            let (role, named): (Role, Vec<&String>) = match reading {
                Found::Store(kind, Some(host), _) => (Role::Store(Some(*kind)), vec![host]),
                Found::Broker(kind, list) => (Role::Broker(kind), list.iter().collect()),
                _ => continue,
            };
            for host in named {
                if let Some(role_of) = hosts.get(host).and_then(|i| roles.get_mut(*i)) {
                    if *role_of == Role::Service || *role_of == Role::Store(None) {
                        *role_of = role;
                    }
                }
            }
        }
    }
    let role_of = |host: &str| hosts.get(host).and_then(|i| Some((*i, *roles.get(*i)?)));
    let mut derived = Derived::default();
    // A store workload's own store: its name as host, its first database.
    let own_store = |index: usize, kind: Option<StoreKind>| {
        let workload = workloads.get(index)?;
        Some(StoreKey {
            host: Some(workload.name.to_ascii_lowercase()),
            database: default_database(workload, kind),
        })
    };
    for (index, workload) in workloads.iter().enumerate() {
        if roles.get(index) != Some(&Role::Service) {
            continue;
        }
        let mut facts = ServiceFacts {
            name: workload.name.clone(),
            origin: Some(workload.origin.clone()),
            ..ServiceFacts::default()
        };
        // Host-only connections (a `*_HOST` naming a database container, `depends_on`) are
        // kept only when no URL names a database on that host.
        let mut host_only: Vec<(usize, Option<StoreKind>, Origin)> = Vec::new();
        let mut to_host =
            |facts: &mut ServiceFacts, host: &str, origin: &Origin| match role_of(host) {
                Some((target, _)) if target == index => {}
                Some((target, Role::Store(kind))) => host_only.push((target, kind, origin.clone())),
                Some((target, Role::Broker(kind))) => {
                    let name = workloads.get(target).map_or(host, |w| w.name.as_str());
                    facts
                        .brokers
                        .entry((kind.to_string(), name.to_ascii_lowercase()))
                        .or_default()
                        .insert(origin.clone());
                }
                Some((target, Role::Service)) => {
                    if let Some(called) = workloads.get(target) {
                        facts
                            .calls
                            .entry(called.name.clone())
                            .or_default()
                            .insert(origin.clone());
                    }
                }
                None => {}
            };
        for (reading, origin) in readings.get(index).map(Vec::as_slice).unwrap_or_default() {
            match reading {
                Found::Store(kind, host, database) => {
                    let target = host.as_deref().filter(|h| !is_local(h)).map(|h| {
                        match role_of(h) {
                            // The container's name, whichever alias the URL used.
                            Some((target, _)) => workloads
                                .get(target)
                                .map_or(h.to_string(), |w| w.name.to_ascii_lowercase()),
                            None => h.to_string(),
                        }
                    });
                    let database = match (database, host.as_deref().and_then(role_of)) {
                        (Some(database), _) => Some(database.clone()),
                        (None, Some((target, Role::Store(k)))) => {
                            own_store(target, k).and_then(|key| key.database)
                        }
                        _ => None,
                    };
                    let key = StoreKey {
                        host: target,
                        database,
                    };
                    let store = derived.stores.entry(key.clone()).or_default();
                    store.kind = store.kind.or(Some(*kind));
                    store.origins.insert(origin.clone());
                    facts.stores.entry(key).or_default().insert(origin.clone());
                }
                Found::Broker(kind, list) => {
                    for host in list {
                        let host = match role_of(host) {
                            Some((target, _)) => workloads
                                .get(target)
                                .map_or(host.clone(), |w| w.name.to_ascii_lowercase()),
                            None => host.clone(),
                        };
                        facts
                            .brokers
                            .entry((kind.to_string(), host))
                            .or_default()
                            .insert(origin.clone());
                    }
                }
                Found::Embedded => {
                    facts.embedded.insert(origin.clone());
                }
                Found::Host(host) => to_host(&mut facts, host, origin),
            }
        }
        for (name, origin) in &workload.depends_on {
            to_host(&mut facts, &name.to_ascii_lowercase(), origin);
        }
        for (target, kind, origin) in host_only {
            let Some(key) = own_store(target, kind) else {
                continue;
            };
            let named = facts.stores.keys().any(|k| k.host == key.host);
            if !named {
                let store = derived.stores.entry(key.clone()).or_default();
                store.kind = store.kind.or(kind);
                store.origins.insert(origin.clone());
                facts.stores.entry(key).or_default().insert(origin);
            }
        }
        derived.services.push(facts);
    }
    // A store container adds where it is defined to the stores on it, or, when nothing
    // connects to it, is a store of its own (its first database), declared and unused.
    for (index, workload) in workloads.iter().enumerate() {
        let Some(Role::Store(kind)) = roles.get(index).copied() else {
            continue;
        };
        let host = Some(workload.name.to_ascii_lowercase());
        let mut on_it = derived
            .stores
            .iter_mut()
            .filter(|(key, _)| key.host == host)
            .peekable();
        if on_it.peek().is_none() {
            if let Some(key) = own_store(index, kind) {
                let store = derived.stores.entry(key).or_default();
                store.kind = store.kind.or(kind);
                store.origins.insert(workload.origin.clone());
            }
            continue;
        }
        for (_, store) in on_it {
            store.kind = store.kind.or(kind);
            store.origins.insert(workload.origin.clone());
        }
    }
    derived.names = store_names(&derived.stores);
    derived
}

/// Databases whose name says nothing (the server's default): such a store is named by its host.
const DEFAULT_DATABASES: [&str; 5] = ["postgres", "mysql", "admin", "master", "test"];

/// The name each store gets: its database's name; a Redis store, or one whose database has no
/// telling name, its host's (with the database index after a `-` when not 0); when two stores
/// would share a name, both are written `host-database`.
fn store_names(stores: &BTreeMap<StoreKey, Store>) -> BTreeMap<StoreKey, String> {
    let first_name = |key: &StoreKey, store: &Store| -> String {
        let host = key.host.clone().unwrap_or_else(|| "localhost".to_string());
        let keyed = matches!(store.kind, Some(StoreKind::Redis | StoreKind::Memcached));
        match &key.database {
            Some(index) if keyed => match index.as_str() {
                "0" => host,
                _ => format!("{host}-{index}"),
            },
            Some(database)
                if !DEFAULT_DATABASES.contains(&database.to_ascii_lowercase().as_str()) =>
            {
                database.clone()
            }
            _ => host,
        }
    };
    // How many stores would take each name, and how many of those are on a named server.
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (key, store) in stores {
        let count = counts.entry(first_name(key, store)).or_default();
        count.0 += 1;
        count.1 += usize::from(key.host.is_some());
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut names = BTreeMap::new();
    for (key, store) in stores {
        let name = first_name(key, store);
        let (sharing, hosted) = counts.get(&name).copied().unwrap_or((0, 0));
        // One store on a named server keeps the name; one on this machine says so; several
        // servers holding one database name are told apart by their host.
        let mut name = match (&key.host, &key.database) {
            _ if sharing < 2 => name,
            (None, _) => format!("{name}-localhost"),
            (Some(host), Some(database)) if hosted > 1 && *host != name => {
                format!("{host}-{database}")
            }
            _ => name,
        };
        // Still taken (the same database on this machine and on a named server): a number.
        let base = name.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(name.clone());
        names.insert(key.clone(), name);
    }
    names
}

/// Whether a file name is a Flyway migration (`V1__init.sql`, `V2_1__add_index.sql`).
fn is_flyway(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('V').or_else(|| name.strip_prefix('v')) else {
        return false;
    };
    let Some((version, _)) = rest.split_once("__") else {
        return false;
    };
    name.ends_with(".sql")
        && !version.is_empty()
        && version
            .chars()
            .all(|c| c.is_ascii_digit() || c == '_' || c == '.')
}

/// Folder names that say which database a script is written for.
fn folder_kind(part: &str) -> Option<Option<StoreKind>> {
    match part {
        "hsqldb" | "h2" | "derby" | "hsql" => Some(None),
        _ => StoreKind::from_name(part)
            .filter(|k| k.dialect().is_some())
            .map(Some),
    }
}

fn bind_schema(files: &[File<'_>], workloads: &[Workload], derived: &Derived) -> Vec<SchemaFile> {
    let mut bound: BTreeMap<&str, SchemaFile> = BTreeMap::new();
    let name_of = |key: &StoreKey| derived.names.get(key).cloned();
    let sql_store = |key: &StoreKey| {
        derived
            .stores
            .get(key)
            .is_some_and(|s| s.kind.is_none_or(|k| k.dialect().is_some()))
    };
    let sql_files: Vec<&File<'_>> = files.iter().filter(|f| f.path.ends_with(".sql")).collect();
    // 1. Mounted into a database container's init folder.
    for workload in workloads {
        let host = Some(workload.name.to_ascii_lowercase());
        let Some(key) = derived.stores.keys().find(|k| k.host == host) else {
            continue;
        };
        for (mounted, origin) in &workload.init_sql {
            for file in &sql_files {
                if inside(file.path, mounted) && !bound.contains_key(file.path) {
                    bound.insert(
                        file.path,
                        SchemaFile {
                            database: name_of(key),
                            path: file.path.to_string(),
                            reason: format!("put into docker-entrypoint-initdb.d at {origin}"),
                        },
                    );
                }
            }
        }
    }
    // 2. Under a folder named for a database container (`accounts-db/initdb/0-schema.sql`).
    for workload in workloads {
        let lower = workload.name.to_ascii_lowercase();
        let Some(key) = derived
            .stores
            .keys()
            .find(|k| k.host.as_deref() == Some(lower.as_str()))
        else {
            continue;
        };
        for file in &sql_files {
            let named = file
                .path
                .split('/')
                .any(|part| part.eq_ignore_ascii_case(&lower));
            if named && !bound.contains_key(file.path) {
                bound.insert(
                    file.path,
                    SchemaFile {
                        database: name_of(key),
                        path: file.path.to_string(),
                        reason: format!("in a folder named for the `{}` container", workload.name),
                    },
                );
            }
        }
    }
    // 3. Migrations and schema files of a service: its one SQL store.
    for file in &sql_files {
        if bound.contains_key(file.path) {
            continue;
        }
        let name = file_name(file.path);
        let migration = is_flyway(name);
        let schema = matches!(name, "schema.sql" | "structure.sql");
        if !(migration || schema) {
            continue;
        }
        let what = if migration {
            "Flyway migration"
        } else {
            "schema file"
        };
        let folder_kinds: Vec<Option<StoreKind>> =
            file.path.split('/').filter_map(folder_kind).collect();
        if folder_kinds.iter().any(Option::is_none) {
            continue; // written for an in-process database
        }
        let owner = workloads
            .iter()
            .filter(|w| w.folders.iter().any(|f| inside(file.path, f)))
            .max_by_key(|w| w.folders.iter().map(String::len).max().unwrap_or(0));
        let facts = owner.and_then(|w| derived.services.iter().find(|s| s.name == w.name));
        let stores: Vec<&StoreKey> = facts
            .map(|s| s.stores.keys().filter(|k| sql_store(k)).collect())
            .unwrap_or_default();
        let kind_fits = |key: &StoreKey| {
            let kind = derived.stores.get(key).and_then(|s| s.kind);
            folder_kinds.iter().all(|k| k.is_none() || *k == kind)
        };
        let (database, reason) = match (owner, stores.as_slice()) {
            (Some(owner), [only]) if kind_fits(only) => (
                name_of(only),
                format!(
                    "{what} of `{}`, which connects to one SQL database",
                    owner.name
                ),
            ),
            (Some(_), [_]) => continue, // written for another database kind
            // Written for a database kind the service is not configured with (here).
            (Some(_), []) if !folder_kinds.is_empty() => continue,
            (Some(owner), []) => (
                None,
                format!("{what} of `{}`, which names no database", owner.name),
            ),
            (Some(owner), _) => (
                None,
                format!(
                    "{what} of `{}`, which connects to several databases",
                    owner.name
                ),
            ),
            (None, _) => (None, format!("{what} outside any service's folder")),
        };
        bound.insert(
            file.path,
            SchemaFile {
                database,
                path: file.path.to_string(),
                reason,
            },
        );
    }
    // Files with no database first: their tables go to the main database.
    let mut schema: Vec<SchemaFile> = bound.into_values().collect();
    crate::order::sort_by(&mut schema, |a, b| {
        (a.database.is_some(), &a.database, &a.path).cmp(&(
            b.database.is_some(),
            &b.database,
            &b.path,
        ))
    });
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_name_stores_and_brokers() {
        assert_eq!(
            image_kind("postgres:16-alpine"),
            Some(Kind::Store(StoreKind::Postgres))
        );
        assert_eq!(
            image_kind("docker.io/library/mariadb:11"),
            Some(Kind::Store(StoreKind::Mysql))
        );
        assert_eq!(
            image_kind("mcr.microsoft.com/mssql/server:2022-latest"),
            None,
            "the last part is `server`: SQL Server is found by its URLs"
        );
        assert_eq!(
            image_kind("bitnami/redis@sha256:abc"),
            Some(Kind::Store(StoreKind::Redis))
        );
        assert_eq!(
            image_kind("confluentinc/cp-kafka:7.5.0"),
            Some(Kind::Broker("kafka"))
        );
        assert_eq!(
            image_kind("rabbitmq:3-management"),
            Some(Kind::Broker("rabbitmq"))
        );
        assert_eq!(image_kind("gcr.io/shop/frontend:v1"), None);
    }

    #[test]
    fn variants_and_examples_are_told_by_their_folders() {
        assert_eq!(
            variant_folder("extras/cloudsql/config.yaml"),
            Some("extras")
        );
        assert_eq!(variant_folder("deploy/Tests/x.yml"), Some("Tests"));
        assert_eq!(variant_folder("kubernetes-manifests/config.yaml"), None);
        assert_eq!(variant_folder("docs.yaml"), None);
        assert_eq!(
            variant_folder("src/ledger/w/src/main/java/anthos/samples/W.java"),
            None
        );
    }

    #[test]
    fn setting_names_in_code() {
        let code = r#"@Value("http://${BALANCES_API_ADDR}/balances") String url; os.environ["DB_URI"]; Ok; ID"#;
        let names: Vec<&str> = setting_names(code).collect();
        assert_eq!(names, ["BALANCES_API_ADDR", "DB_URI"]);
    }

    #[test]
    fn address_keys_and_flyway_names() {
        assert!(names_a_host("BALANCES_API_ADDR") && names_a_host("CATALOG_URL"));
        assert!(names_a_host("spring.rabbitmq.host") && !names_a_host("LOG_LEVEL"));
        assert!(is_flyway("V1__init.sql") && is_flyway("V2_1__add.sql"));
        assert!(!is_flyway("Vendor.sql") && !is_flyway("V__x.sql") && !is_flyway("schema.sql"));
    }

    #[test]
    fn stores_are_named_by_database_then_host() {
        let key = |host: &str, database: Option<&str>| StoreKey {
            host: Some(host.to_string()),
            database: database.map(str::to_string),
        };
        let store = |kind| Store {
            kind: Some(kind),
            origins: BTreeSet::new(),
        };
        let stores = BTreeMap::from([
            (
                key("accounts-db", Some("accounts-db")),
                store(StoreKind::Postgres),
            ),
            (key("pg-a", Some("orders")), store(StoreKind::Postgres)),
            (key("pg-b", Some("orders")), store(StoreKind::Postgres)),
            (key("pg-c", Some("postgres")), store(StoreKind::Postgres)),
            (key("cache", Some("2")), store(StoreKind::Redis)),
            (key("cache", None), store(StoreKind::Redis)),
            (
                StoreKey {
                    host: None,
                    database: Some("accounts-db".into()),
                },
                store(StoreKind::Postgres),
            ),
        ]);
        let names = store_names(&stores);
        let names: Vec<&str> = names.values().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "accounts-db-localhost",
                "accounts-db",
                "cache",
                "cache-2",
                "pg-a-orders",
                "pg-b-orders",
                "pg-c"
            ]
        );
    }
}
