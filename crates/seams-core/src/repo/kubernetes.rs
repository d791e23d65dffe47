//! Kubernetes manifests (multi-document YAML): Deployments, StatefulSets, DaemonSets,
//! ReplicaSets, Jobs, CronJobs and Pods are workloads; their containers' `env` (values, and
//! `valueFrom` `configMapKeyRef`/`secretKeyRef`) and `envFrom` (`configMapRef`/`secretRef`, with
//! `prefix`) are resolved against the ConfigMaps and Secrets of all the manifests read; a
//! Service is another name for the workloads its selector picks (a URL names the Service). A
//! Secret's values (`data` decoded from base64, `stringData`) are read only for the hosts and
//! database names in them.

use super::{
    entries, get, get_path, items, settings_of, text, yaml_problems, Origin, Setting, Workload,
};
use crate::services::yaml::{self, Node};
use base64::Engine;
use std::collections::BTreeMap;

/// One manifest file's objects, before references between files are resolved.
#[derive(Debug, Default)]
pub(crate) struct Manifests {
    /// Workloads with their containers' environment still naming ConfigMaps and Secrets.
    workloads: Vec<(Workload, Vec<EnvSource>, BTreeMap<String, String>)>,
    /// ConfigMaps and Secrets by name: key → setting.
    maps: BTreeMap<String, Vec<Setting>>,
    /// Services by name: their selector.
    services: Vec<(String, BTreeMap<String, String>)>,
    /// What could not be read.
    pub problems: Vec<String>,
}

/// Where a container's environment comes from.
#[derive(Debug)]
enum EnvSource {
    /// `env: [{name, value}]`.
    Value(Setting),
    /// `valueFrom: {configMapKeyRef|secretKeyRef: {name, key}}`, as the variable `name`.
    Key {
        variable: String,
        map: String,
        key: String,
        origin: Origin,
    },
    /// `envFrom: [{configMapRef|secretRef: {name}, prefix}]`.
    All { map: String, prefix: String },
}

/// The kinds whose pod template runs containers, and the path to that template.
fn pod_template(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "Job" => &["spec", "template"],
        "CronJob" => &["spec", "jobTemplate", "spec", "template"],
        "Pod" => &[],
        _ => return None,
    })
}

/// Whether a YAML text looks like Kubernetes manifests (cheap test before reading it).
pub(crate) fn looks_like_manifests(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// Reads the objects of one manifest file into `into`.
pub(crate) fn read(path: &str, source: &str, into: &mut Manifests) {
    let (documents, diagnostics) = yaml::read_all(source);
    let found = yaml_problems(path, &diagnostics);
    if !found.is_empty() && source.contains("{{") {
        // A Helm (or other) template: its `{{ … }}` is filled in before it is YAML.
        into.problems.push(format!(
            "{path}: a template (`{{{{ … }}}}`), not YAML until rendered; what precedes the first error is read"
        ));
    } else {
        into.problems.extend(found);
    }
    for document in &documents {
        // A `List` holds its objects under `items`.
        let objects: Vec<&Node> = match get(document, "kind").and_then(text) {
            Some("List") => get(document, "items")
                .map(items)
                .unwrap_or_default()
                .iter()
                .collect(),
            _ => vec![document],
        };
        for object in objects {
            read_object(path, object, into);
        }
    }
}

fn read_object(path: &str, object: &Node, into: &mut Manifests) {
    let Some(kind) = get(object, "kind").and_then(text) else {
        return;
    };
    let Some(name_node) = get_path(object, &["metadata", "name"]) else {
        return;
    };
    let Some(name) = text(name_node).filter(|n| !n.is_empty()) else {
        return;
    };
    match kind {
        "ConfigMap" => {
            let settings = get(object, "data")
                .map(|data| settings_of(path, data))
                .unwrap_or_default();
            into.maps
                .entry(name.to_string())
                .or_default()
                .extend(settings);
        }
        "Secret" => {
            let mut settings = get(object, "stringData")
                .map(|data| settings_of(path, data))
                .unwrap_or_default();
            for mut setting in get(object, "data")
                .map(|data| settings_of(path, data))
                .unwrap_or_default()
            {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(setting.value.trim())
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok());
                if let Some(decoded) = decoded {
                    setting.value = decoded;
                    settings.push(setting);
                }
            }
            into.maps
                .entry(name.to_string())
                .or_default()
                .extend(settings);
        }
        "Service" => {
            let selector = get_path(object, &["spec", "selector"])
                .map(labels)
                .unwrap_or_default();
            into.services.push((name.to_ascii_lowercase(), selector));
        }
        _ => {
            let Some(template_path) = pod_template(kind) else {
                return;
            };
            let template = match get_path(object, template_path) {
                Some(template) => template,
                None if template_path.is_empty() => object,
                None => return,
            };
            let pod_labels = get_path(template, &["metadata", "labels"])
                .map(labels)
                .unwrap_or_default();
            let mut workload = Workload::new(name, Origin::of(path, name_node));
            workload.one_off = matches!(kind, "Job" | "CronJob");
            let mut sources = Vec::new();
            let containers = get_path(template, &["spec", "containers"])
                .map(items)
                .unwrap_or_default();
            for container in containers {
                if let Some(image) = get(container, "image") {
                    if let Some(image_text) = text(image) {
                        workload
                            .images
                            .push((image_text.to_string(), Origin::of(path, image)));
                    }
                }
                read_env(path, container, &mut sources);
            }
            into.workloads.push((workload, sources, pod_labels));
        }
    }
}

/// A mapping of labels as text pairs.
fn labels(node: &Node) -> BTreeMap<String, String> {
    entries(node)
        .filter_map(|(k, v)| Some((text(k)?.to_string(), text(v)?.to_string())))
        .collect()
}

fn read_env(path: &str, container: &Node, sources: &mut Vec<EnvSource>) {
    for variable in get(container, "env").map(items).unwrap_or_default() {
        let Some(name) = get(variable, "name").and_then(text) else {
            continue;
        };
        if let Some(value) = get(variable, "value") {
            if let Some(value_text) = text(value) {
                sources.push(EnvSource::Value(Setting {
                    key: name.to_string(),
                    value: value_text.to_string(),
                    origin: Origin::of(path, value),
                }));
            }
            continue;
        }
        let reference = ["configMapKeyRef", "secretKeyRef"]
            .iter()
            .find_map(|kind| get_path(variable, &["valueFrom", kind]));
        if let Some(reference) = reference {
            let map = get(reference, "name").and_then(text);
            let key = get(reference, "key").and_then(text);
            if let (Some(map), Some(key)) = (map, key) {
                sources.push(EnvSource::Key {
                    variable: name.to_string(),
                    map: map.to_string(),
                    key: key.to_string(),
                    origin: Origin::of(path, reference),
                });
            }
        }
    }
    for source in get(container, "envFrom").map(items).unwrap_or_default() {
        let prefix = get(source, "prefix").and_then(text).unwrap_or("");
        let map = ["configMapRef", "secretRef"]
            .iter()
            .find_map(|kind| get_path(source, &[kind, "name"]))
            .and_then(text);
        if let Some(map) = map {
            sources.push(EnvSource::All {
                map: map.to_string(),
                prefix: prefix.to_string(),
            });
        }
    }
}

impl Manifests {
    /// The workloads with their environment resolved (a variable from a ConfigMap or Secret
    /// points at the line holding its value) and the Services selecting each as aliases.
    pub(crate) fn resolve(self) -> Vec<Workload> {
        let Manifests {
            workloads,
            maps,
            services,
            problems: _,
        } = self;
        let mut resolved = Vec::new();
        for (mut workload, sources, pod_labels) in workloads {
            for source in sources {
                match source {
                    EnvSource::Value(setting) => workload.settings.push(setting),
                    EnvSource::Key {
                        variable,
                        map,
                        key,
                        origin,
                    } => {
                        let found = maps
                            .get(&map)
                            .and_then(|settings| settings.iter().rev().find(|s| s.key == key));
                        // The value's own line is the better provenance; the reference's when
                        // the map is not among the files.
                        let (value, origin) = match found {
                            Some(s) => (s.value.clone(), s.origin.clone()),
                            None => (String::new(), origin),
                        };
                        workload.settings.push(Setting {
                            key: variable,
                            value,
                            origin,
                        });
                    }
                    EnvSource::All { map, prefix } => {
                        for setting in maps.get(&map).map(Vec::as_slice).unwrap_or_default() {
                            workload.settings.push(Setting {
                                key: format!("{prefix}{}", setting.key),
                                value: setting.value.clone(),
                                origin: Origin {
                                    via: Some(format!("envFrom {map}")),
                                    ..setting.origin.clone()
                                },
                            });
                        }
                    }
                }
            }
            let lower = workload.name.to_ascii_lowercase();
            for (service, selector) in &services {
                let selects = !selector.is_empty()
                    && selector.iter().all(|(k, v)| pod_labels.get(k) == Some(v));
                // A Service of the workload's own name adds no name.
                if selects && *service != lower {
                    workload.aliases.push(service.clone());
                }
            }
            resolved.push(workload);
        }
        resolved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-db-config
data:
  POSTGRES_DB: orders
  ORDERS_DB_URI: postgresql://orders:pw-in-config@orders-db:5432/orders
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-addresses
data:
  CATALOG_API_ADDR: "catalog-api:8080"
---
apiVersion: v1
kind: Secret
metadata:
  name: cache-credentials
type: Opaque
data:
  REDIS_URL: cmVkaXM6Ly86c2VjcmV0LXB3QGNhY2hlOjYzNzkvMg==
"#;

    const APPS: &str = r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  selector:
    matchLabels: {app: orders}
  template:
    metadata:
      labels: {app: orders, tier: backend}
    spec:
      containers:
        - name: server
          image: registry.example/orders:1.4
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_URI
              valueFrom:
                configMapKeyRef:
                  name: orders-db-config
                  key: ORDERS_DB_URI
            - name: REDIS_URL
              valueFrom:
                secretKeyRef: {name: cache-credentials, key: REDIS_URL}
          envFrom:
            - configMapRef:
                name: api-addresses
              prefix: UPSTREAM_
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: orders-db
spec:
  template:
    metadata:
      labels: {app: orders-db}
    spec:
      containers:
        - name: postgres
          image: postgres:15
          envFrom:
            - configMapRef: {name: orders-db-config}
---
apiVersion: v1
kind: Service
metadata:
  name: orders-api
spec:
  selector: {app: orders}
  ports: [{port: 8080}]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly-report
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: report
              image: registry.example/report:1
              env:
                - {name: ORDERS_URL, value: "http://orders-api:8080/report"}
"#;

    fn workloads() -> Vec<Workload> {
        let mut manifests = Manifests::default();
        read("k8s/config.yaml", CONFIG, &mut manifests);
        read("k8s/apps.yaml", APPS, &mut manifests);
        manifests.resolve()
    }

    fn settings(workload: &Workload) -> Vec<(String, String, String)> {
        workload
            .settings
            .iter()
            .map(|s| (s.key.clone(), s.value.clone(), s.origin.to_string()))
            .collect()
    }

    #[test]
    fn workloads_of_every_kind_with_their_images() {
        let workloads = workloads();
        let names: Vec<&str> = workloads.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["orders", "orders-db", "nightly-report"]);
        assert_eq!(workloads[1].images[0].0, "postgres:15");
        assert_eq!(workloads[0].origin.to_string(), "k8s/apps.yaml:4");
        assert_eq!(workloads[0].aliases, ["orders-api"]);
        assert!(workloads[2].one_off && !workloads[0].one_off);
    }

    #[test]
    fn env_value_from_and_env_from_resolve_to_the_maps_lines() {
        let workloads = workloads();
        let orders = settings(&workloads[0]);
        let row = |k: &str, v: &str, o: &str| (k.to_string(), v.to_string(), o.to_string());
        assert_eq!(
            orders,
            [
                row("LOG_LEVEL", "info", "k8s/apps.yaml:17"),
                row(
                    "DB_URI",
                    "postgresql://orders:pw-in-config@orders-db:5432/orders",
                    "k8s/config.yaml:7"
                ),
                row(
                    "REDIS_URL",
                    "redis://:secret-pw@cache:6379/2",
                    "k8s/config.yaml:22"
                ),
                row(
                    "UPSTREAM_CATALOG_API_ADDR",
                    "catalog-api:8080",
                    "k8s/config.yaml:14 (via envFrom api-addresses)"
                ),
            ]
        );
        assert_eq!(settings(&workloads[1]).len(), 2);
        assert_eq!(workloads[2].settings[0].key, "ORDERS_URL");
    }

    #[test]
    fn helm_templates_other_yaml_and_broken_yaml_give_no_workload() {
        let mut manifests = Manifests::default();
        read(
            "chart/templates/x.yaml",
            "kind: {{ .Values.kind }}\n",
            &mut manifests,
        );
        read("x.yaml", "kind: Deployment\n", &mut manifests);
        assert!(manifests.problems.is_empty(), "{:?}", manifests.problems);
        read("y.yaml", "apiVersion: v1\nkind: [\n", &mut manifests);
        assert_eq!(manifests.problems.len(), 1, "{:?}", manifests.problems);
        let chart = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n  {{- if .Values.x }}\n";
        read("chart/templates/d.yaml", chart, &mut manifests);
        assert_eq!(
            manifests.problems.last().map(String::as_str),
            Some("chart/templates/d.yaml: a template (`{{ … }}`), not YAML until rendered; what precedes the first error is read")
        );
        assert!(manifests.resolve().is_empty());
        assert!(!looks_like_manifests("services:\n  a: {}\n"));
    }
}
