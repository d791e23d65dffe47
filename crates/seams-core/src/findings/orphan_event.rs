//! `orphan-event`: a topic published with no subscriber, or subscribed to with no publisher,
//! among the described services. A queue (`sqs:…`) that is only consumed is most likely fed from
//! outside the description (the seed's SQS queue): info, not warning. Everything else: warning.

use super::{join_and, name, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::TopicKind;
use crate::source::Span;
use std::collections::BTreeMap;

pub(crate) fn check(context: &Context<'_>) -> Vec<Finding> {
    let architecture = context.architecture;
    // Publishers and subscribers by topic, in service order then link order: one pass over
    // the services instead of one per topic.
    let mut publishers_of: BTreeMap<&str, Vec<(&str, Span)>> = BTreeMap::new();
    let mut subscribers_of: BTreeMap<&str, Vec<(&str, Span)>> = BTreeMap::new();
    for service in &architecture.services {
        for link in &service.publishes {
            crate::work::step(1);
            publishers_of
                .entry(link.topic.as_str())
                .or_default()
                .push((service.id.as_str(), link.span));
        }
        for link in &service.subscribes {
            crate::work::step(1);
            subscribers_of
                .entry(link.topic.as_str())
                .or_default()
                .push((service.id.as_str(), link.span));
        }
    }
    let mut findings = Vec::new();
    for topic in &architecture.topics {
        crate::work::step(1);
        let publishers = publishers_of
            .get(topic.id.as_str())
            .cloned()
            .unwrap_or_default();
        let subscribers = subscribers_of
            .get(topic.id.as_str())
            .cloned()
            .unwrap_or_default();
        let kind = match topic.kind {
            TopicKind::Topic => "topic",
            TopicKind::Queue => "queue",
        };
        let (severity, message, involved) = match (publishers.is_empty(), subscribers.is_empty()) {
            (false, true) => (
                Severity::Warning,
                format!(
                    "{} publishes {kind} {}, but no service subscribes",
                    join_and(publishers.iter().map(|(s, _)| name(s))),
                    topic.name
                ),
                publishers,
            ),
            (true, false) => (
                if topic.kind == TopicKind::Queue {
                    Severity::Info
                } else {
                    Severity::Warning
                },
                format!(
                    "{} {} {kind} {}, but no service publishes to it",
                    join_and(subscribers.iter().map(|(s, _)| name(s))),
                    if topic.kind == TopicKind::Queue {
                        "consumes"
                    } else {
                        "subscribes to"
                    },
                    topic.name
                ),
                subscribers,
            ),
            _ => continue,
        };
        let mut finding = Finding::new(
            Rule::OrphanEvent,
            severity,
            message,
            involved
                .iter()
                .map(|(s, _)| s.to_string())
                .chain(std::iter::once(topic.id.clone())),
            involved.iter().map(|(_, span)| *span),
        );
        // A queue that is only consumed is usually fed from outside the described system
        // (the seed's SQS queue): worth a note, not a cost. Its kind comes from its name, so
        // the penalty cannot change without the finding itself going away.
        if severity == Severity::Info {
            finding.penalty = 0;
        }
        findings.push(finding);
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::findings::tests::{check_rule, Arch};
    use crate::findings::{check, Rule};
    use crate::model::{Topic, TopicKind, TopicLink};
    use crate::source::{Pane, Span};

    #[test]
    fn work_grows_linearly_with_topics_and_services() {
        // Every service publishes its own topic: topics grow with services.
        crate::work::assert_linear(400, crate::work::system_architecture, |arch| {
            super::check(&crate::findings::Context::new(arch))
        });
    }

    fn with_topics(
        mut arch: crate::Architecture,
        links: &[(&str, bool, &str)],
    ) -> crate::Architecture {
        for (service, publishes, topic) in links {
            let id = format!("topic:{topic}");
            if !arch.topics.iter().any(|t| t.id == id) {
                arch.topics.push(Topic {
                    id: id.clone(),
                    name: topic.to_string(),
                    kind: if topic.contains(':') {
                        TopicKind::Queue
                    } else {
                        TopicKind::Topic
                    },
                });
            }
            if let Some(s) = arch.services.iter_mut().find(|s| s.name == *service) {
                let link = TopicLink {
                    topic: id,
                    span: Span::new(Pane::Services, 9, 9),
                };
                if *publishes {
                    s.publishes.push(link);
                } else {
                    s.subscribes.push(link);
                }
            }
        }
        crate::order::sort_by(&mut arch.topics, |a, b| a.id.cmp(&b.id));
        arch
    }

    #[test]
    fn fires_for_one_sided_topics_and_queues() {
        let arch = Arch::new().service("a").service("b").build();
        let arch = with_topics(
            arch,
            &[
                ("a", true, "user.created"),
                ("b", false, "order.paid"),
                ("b", false, "sqs:user-updates"),
            ],
        );
        let findings = check(&arch);
        let queue = findings
            .iter()
            .find(|f| f.elements.contains(&"topic:sqs:user-updates".to_string()))
            .unwrap();
        assert_eq!(queue.severity, Severity::Info);
        assert_eq!(queue.penalty, 0, "an externally fed queue costs nothing");
        check_rule(
            arch,
            Rule::OrphanEvent,
            &[
                "a publishes topic user.created, but no service subscribes",
                "b consumes queue sqs:user-updates, but no service publishes to it",
                "b subscribes to topic order.paid, but no service publishes to it",
            ],
        );
    }

    #[test]
    fn silent_when_both_sides_exist() {
        let arch = Arch::new().service("a").service("b").build();
        let arch = with_topics(
            arch,
            &[("a", true, "user.created"), ("b", false, "user.created")],
        );
        check_rule(arch, Rule::OrphanEvent, &[]);
    }
}
