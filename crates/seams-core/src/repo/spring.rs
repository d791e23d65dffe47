//! Spring Boot configuration: `application.yml`/`.yaml`/`.properties` and `bootstrap.*`, with
//! their profiles (`application-mysql.yml`, documents with `spring.config.activate.on-profile`
//! or the older `spring.profiles`, `#---` in properties). Each module (the folder holding
//! `src/main/resources`) is one application; its settings are the default profile's, overridden
//! by the picked profile's. Keys are flattened to dotted names (`spring.datasource.url`).
//!
//! A Spring Cloud Config repository (files named after the applications, `customers-service.yml`,
//! beside a shared `application.yml`) serves every application: its documents come before the
//! application's own. A store's properties count only when the module's build file (`pom.xml`,
//! `build.gradle`) brings the library that reads them ([`Module::without_unused_stores`]): a
//! datasource in a shared file does not give the API gateway a database.

use super::{file_name, folder_of, text, yaml_problems, Origin, Setting};
use crate::services::yaml::{self, Node, NodeKind};
use std::collections::{BTreeMap, BTreeSet};

/// Whether a file name is Spring configuration.
pub(crate) fn is_config_file(name: &str) -> bool {
    let stem = ["application", "bootstrap"]
        .iter()
        .any(|start| name.starts_with(start));
    let extension = [".yml", ".yaml", ".properties"]
        .iter()
        .any(|end| name.ends_with(end));
    stem && extension
}

/// One document of configuration: the profiles it is for (None: the default) and its settings.
#[derive(Debug, Clone)]
struct Document {
    profiles: Option<String>,
    settings: Vec<Setting>,
}

/// One Spring application: its folder and the documents of its configuration files.
#[derive(Debug, Clone, Default)]
pub(crate) struct Module {
    pub folder: String,
    /// The first configuration file read for it.
    pub first_file: String,
    documents: Vec<Document>,
}

/// The folder of the module a configuration file belongs to (`customers/src/main/resources/x`
/// → `customers`); None for test resources.
fn module_folder(path: &str) -> Option<String> {
    if path.contains("/src/test/") || path.starts_with("src/test/") {
        return None;
    }
    if let Some(at) = path.find("/src/main/resources/") {
        return path.get(..at).map(str::to_string);
    }
    if path.starts_with("src/main/resources/") {
        return Some(String::new());
    }
    Some(folder_of(path).to_string())
}

/// The profile a file's name gives (`application-mysql.yml` → `mysql`).
fn file_profile(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name);
    let (_, profile) = stem.split_once('-')?;
    (!profile.is_empty()).then(|| profile.to_string())
}

/// Spring's store properties and the libraries (as a build file names them) that read them.
const STORE_LIBRARIES: [(&str, &[&str]); 6] = [
    (
        "spring.datasource",
        &[
            "jdbc",
            "jpa",
            "mysql",
            "postgresql",
            "mariadb",
            "hsqldb",
            "h2database",
            "mssql",
            "ojdbc",
            "flyway",
            "liquibase",
        ],
    ),
    ("spring.r2dbc", &["r2dbc"]),
    ("spring.data.mongodb", &["mongo"]),
    ("spring.data.redis", &["redis"]),
    ("spring.redis", &["redis"]),
    ("spring.rabbitmq", &["amqp", "rabbit"]),
];

/// Reads configuration files into modules, by folder.
#[derive(Debug, Default)]
pub(crate) struct Modules {
    by_folder: BTreeMap<String, Module>,
    /// Configuration served by a config server, by application name.
    remote: BTreeMap<String, Module>,
    /// What could not be read.
    pub problems: Vec<String>,
}

impl Modules {
    /// Reads one configuration file.
    pub(crate) fn read(&mut self, path: &str, source: &str) {
        let Some(folder) = module_folder(path) else {
            return;
        };
        let from_name = file_profile(file_name(path));
        let module = self
            .by_folder
            .entry(folder.clone())
            .or_insert_with(|| Module {
                folder,
                first_file: path.to_string(),
                documents: Vec::new(),
            });
        let problems = module.add(path, source, from_name);
        self.problems.extend(problems);
    }

    /// Reads a config server's file for application `app` (`customers-service.yml`, or with a
    /// profile `customers-service-docker.yml`: `profile`).
    pub(crate) fn read_remote(
        &mut self,
        app: &str,
        profile: Option<String>,
        path: &str,
        source: &str,
    ) {
        let module = self
            .remote
            .entry(app.to_string())
            .or_insert_with(|| Module {
                folder: folder_of(path).to_string(),
                first_file: path.to_string(),
                documents: Vec::new(),
            });
        let problems = module.add(path, source, profile);
        self.problems.extend(problems);
    }

    /// The modules, by folder.
    pub(crate) fn into_modules(self) -> Vec<Module> {
        self.by_folder.into_values().collect()
    }

    /// The application names the modules give themselves (`spring.application.name`).
    pub(crate) fn application_names(&self) -> BTreeSet<String> {
        self.by_folder
            .values()
            .filter_map(Module::application_name)
            .map(|s| s.value)
            .collect()
    }

    /// Takes the config servers' modules out (see [`Modules::remote`]).
    pub(crate) fn take_remote(&mut self) -> BTreeMap<String, Module> {
        std::mem::take(&mut self.remote)
    }
}

impl Module {
    /// Reads one file's documents into the module; `profile` is the one its name gives. Returns
    /// what could not be read.
    fn add(&mut self, path: &str, source: &str, profile: Option<String>) -> Vec<String> {
        let (documents, problems) = if path.ends_with(".properties") {
            (read_properties(path, source), Vec::new())
        } else {
            read_yaml(path, source)
        };
        for mut document in documents {
            if document.profiles.is_none() {
                document.profiles.clone_from(&profile);
            }
            self.documents.push(document);
        }
        problems
    }

    /// The module with `bases`' documents before its own (a config server's shared and
    /// per-application files, which its own configuration overrides).
    pub(crate) fn based_on(&self, bases: &[&Module]) -> Module {
        let mut documents: Vec<Document> = bases
            .iter()
            .flat_map(|base| base.documents.iter().cloned())
            .collect();
        documents.extend(self.documents.iter().cloned());
        Module {
            documents,
            ..self.clone()
        }
    }

    /// The module without the store properties its build does not use: `build` is the text of
    /// its `pom.xml` or `build.gradle` (None when there is none: then all count).
    pub(crate) fn without_unused_stores(&self, build: Option<&str>) -> Module {
        let Some(build) = build.map(str::to_ascii_lowercase) else {
            return self.clone();
        };
        let unused: Vec<&str> = STORE_LIBRARIES
            .iter()
            .filter(|(_, libraries)| !libraries.iter().any(|l| build.contains(l)))
            .map(|(prefix, _)| *prefix)
            .collect();
        let documents = self
            .documents
            .iter()
            .map(|document| Document {
                profiles: document.profiles.clone(),
                settings: document
                    .settings
                    .iter()
                    .filter(|s| !unused.iter().any(|prefix| s.key.starts_with(prefix)))
                    .cloned()
                    .collect(),
            })
            .collect();
        Module {
            documents,
            ..self.clone()
        }
    }

    /// Every profile the module's configuration names.
    pub(crate) fn profiles(&self) -> BTreeSet<String> {
        self.documents
            .iter()
            .filter_map(|d| d.profiles.as_deref())
            .flat_map(|p| p.split([',', '|', '&', '(', ')']))
            .map(|p| p.trim().trim_start_matches('!').trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    }

    /// The settings in effect with the `active` profiles (none: the default profile only): the
    /// default documents', then those of the active profiles in file order, a later key
    /// replacing an earlier one.
    pub(crate) fn settings(&self, active: &[String]) -> Vec<Setting> {
        let mut effective: BTreeMap<String, Setting> = BTreeMap::new();
        // Spring's `default` profile is active while no other is.
        let is_active = |name: &str| {
            active.iter().any(|a| a == name) || (active.is_empty() && name == "default")
        };
        let applies = |profiles: &Option<String>| match profiles {
            None => true,
            Some(expression) => expression.split([',', '|']).any(|p| {
                let p = p.trim();
                match p.strip_prefix('!') {
                    Some(not) => !is_active(not.trim()),
                    None => is_active(p),
                }
            }),
        };
        // Default documents first, so a profile's values win whatever the file order.
        let defaults = self.documents.iter().filter(|d| d.profiles.is_none());
        let chosen = self
            .documents
            .iter()
            .filter(|d| d.profiles.is_some() && applies(&d.profiles));
        for document in defaults.chain(chosen) {
            for setting in &document.settings {
                effective.insert(setting.key.clone(), setting.clone());
            }
        }
        effective.into_values().collect()
    }

    /// The profiles the default configuration activates (`spring.profiles.active`).
    pub(crate) fn active_profiles(&self) -> Vec<String> {
        self.settings(&[])
            .into_iter()
            .find(|s| s.key == "spring.profiles.active")
            .map(|s| profile_list(&s.value))
            .unwrap_or_default()
    }

    /// The application's name (`spring.application.name`) and where it is written.
    pub(crate) fn application_name(&self) -> Option<Setting> {
        self.settings(&[])
            .into_iter()
            .find(|s| s.key == "spring.application.name")
            .filter(|s| !s.value.is_empty() && !s.value.contains('$'))
    }
}

/// A comma-separated list of profile names (`docker, mysql`); placeholders are left out.
pub(crate) fn profile_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.contains('$'))
        .map(str::to_string)
        .collect()
}

/// The profile expression of a document's settings, if it names one.
fn profile_of(settings: &[Setting]) -> Option<String> {
    settings
        .iter()
        .find(|s| s.key == "spring.config.activate.on-profile" || s.key == "spring.profiles")
        .map(|s| s.value.clone())
}

fn read_yaml(path: &str, source: &str) -> (Vec<Document>, Vec<String>) {
    let (documents, diagnostics) = yaml::read_all(source);
    let documents = documents
        .iter()
        .map(|root| {
            let mut settings = Vec::new();
            flatten(path, root, &mut settings);
            Document {
                profiles: profile_of(&settings),
                settings,
            }
        })
        .collect();
    (documents, yaml_problems(path, &diagnostics))
}

/// Every scalar under `root` as a dotted key (`spring.datasource.url`; list items as `[0]`).
fn flatten(path: &str, root: &Node, into: &mut Vec<Setting>) {
    let mut pending: Vec<(String, &Node)> = vec![(String::new(), root)];
    while let Some((prefix, node)) = pending.pop() {
        match &node.kind {
            NodeKind::Scalar(_) => {
                if let (false, Some(value)) = (prefix.is_empty(), text(node)) {
                    into.push(Setting {
                        key: prefix,
                        value: value.to_string(),
                        origin: Origin::of(path, node),
                    });
                }
            }
            NodeKind::Mapping(entries) => {
                for entry in entries.iter().rev() {
                    let Some(key) = text(&entry.key) else {
                        continue;
                    };
                    let key = if prefix.is_empty() {
                        key.to_string()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    pending.push((key, &entry.value));
                }
            }
            NodeKind::Sequence(list) => {
                for (index, item) in list.iter().enumerate().rev() {
                    pending.push((format!("{prefix}[{index}]"), item));
                }
            }
        }
    }
}

fn read_properties(path: &str, text: &str) -> Vec<Document> {
    let mut documents = Vec::new();
    let mut settings = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let trimmed = line.trim();
        if trimmed == "#---" || trimmed == "!---" {
            documents.push(std::mem::take(&mut settings));
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('!') {
            continue;
        }
        let mut logical = trimmed.to_string();
        while logical.ends_with('\\') {
            logical.pop();
            match lines.next() {
                Some((_, next)) => logical.push_str(next.trim()),
                None => break,
            }
        }
        let split = logical.find(['=', ':', ' ']).unwrap_or(logical.len());
        let key = logical.get(..split).unwrap_or("").trim();
        let value = logical.get(split..).unwrap_or("");
        let value = value
            .trim_start()
            .strip_prefix(['=', ':'])
            .unwrap_or(value)
            .trim();
        if !key.is_empty() {
            settings.push(Setting {
                key: key.to_string(),
                value: value.to_string(),
                origin: Origin::at(path, u32::try_from(index + 1).unwrap_or(u32::MAX)),
            });
        }
    }
    documents.push(settings);
    documents
        .into_iter()
        .map(|settings| Document {
            profiles: profile_of(&settings),
            settings,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"spring:
  application:
    name: visits-service
  datasource:
    url: jdbc:hsqldb:mem:visits
server:
  port: 8082
---
spring:
  config:
    activate:
      on-profile: mysql
  datasource:
    url: jdbc:mysql://${MYSQL_HOST:localhost}:3306/petclinic
    password: do-not-print
---
spring:
  profiles: docker
eureka:
  client:
    serviceUrl:
      defaultZone: http://discovery-server:8761/eureka/
"#;

    fn value(settings: &[Setting], key: &str) -> Option<(String, u32)> {
        settings
            .iter()
            .find(|s| s.key == key)
            .map(|s| (s.value.clone(), s.origin.line))
    }

    fn module(files: &[(&str, &str)]) -> Vec<Module> {
        let mut modules = Modules::default();
        for (path, text) in files {
            modules.read(path, text);
        }
        modules.into_modules()
    }

    #[test]
    fn default_profile_then_the_picked_one() {
        let modules = module(&[("visits/src/main/resources/application.yml", YAML)]);
        let [visits] = modules.as_slice() else {
            panic!("{modules:?}")
        };
        assert_eq!(visits.folder, "visits");
        let default = visits.settings(&[]);
        assert_eq!(
            value(&default, "spring.datasource.url"),
            Some(("jdbc:hsqldb:mem:visits".into(), 5))
        );
        let mysql = visits.settings(&["mysql".into()]);
        assert_eq!(
            value(&mysql, "spring.datasource.url"),
            Some((
                "jdbc:mysql://${MYSQL_HOST:localhost}:3306/petclinic".into(),
                14
            ))
        );
        assert_eq!(value(&mysql, "server.port"), Some(("8082".into(), 7)));
        assert!(value(&mysql, "eureka.client.serviceUrl.defaultZone").is_none());
        let docker = visits.settings(&["docker".into()]);
        assert!(value(&docker, "eureka.client.serviceUrl.defaultZone").is_some());
        let profiles: Vec<String> = visits.profiles().into_iter().collect();
        assert_eq!(profiles, ["docker", "mysql"]);
        assert_eq!(
            visits.application_name().map(|s| s.value),
            Some("visits-service".into())
        );
    }

    #[test]
    fn properties_files_and_profile_files() {
        let properties = "# shop\nspring.application.name=shop\nspring.datasource.url = jdbc:postgresql://pg:5432/shop\nlong.value=a\\\n  b\n#---\nspring.config.activate.on-profile=prod\nspring.datasource.url=jdbc:postgresql://pg-prod/shop\n";
        let profile_file = "spring.data.mongodb.host: reviews-mongo\n";
        let modules = module(&[
            ("shop/src/main/resources/application.properties", properties),
            (
                "shop/src/main/resources/application-docker.properties",
                profile_file,
            ),
            ("shop/src/test/resources/application.properties", "x=1\n"),
        ]);
        let [shop] = modules.as_slice() else {
            panic!("{modules:?}")
        };
        let default = shop.settings(&[]);
        assert_eq!(
            value(&default, "spring.datasource.url"),
            Some(("jdbc:postgresql://pg:5432/shop".into(), 3))
        );
        assert_eq!(value(&default, "long.value"), Some(("ab".into(), 4)));
        assert!(value(&default, "x").is_none());
        let prod = shop.settings(&["prod".into()]);
        assert_eq!(
            value(&prod, "spring.datasource.url"),
            Some(("jdbc:postgresql://pg-prod/shop".into(), 8))
        );
        let docker = shop.settings(&["docker".into()]);
        assert_eq!(
            value(&docker, "spring.data.mongodb.host"),
            Some(("reviews-mongo".into(), 1))
        );
        assert_eq!(shop.profiles().len(), 2);
    }

    #[test]
    fn configuration_file_names() {
        assert!(is_config_file("application.yml") && is_config_file("application-mysql.yaml"));
        assert!(is_config_file("bootstrap.properties") && !is_config_file("app.yml"));
        assert_eq!(
            file_profile("application-mysql.yml").as_deref(),
            Some("mysql")
        );
        assert_eq!(file_profile("application.yml"), None);
    }
}
