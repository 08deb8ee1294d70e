//! The conditional rules of the tables: what a documentation page says about several parameters
//! together ("ORDERID or PAYID", "IBAN or the German bank code and account number"), which no
//! single row's Required column can express.
//!
//! The generator writes each table's `[[rule]]`s as [`Condition`] constants and gives every
//! request the slice of those that apply to it ([`crate::Request::RULES`],
//! [`crate::request::RequestEntry::rules`]). [`check`] is the one place they are evaluated: by
//! [`crate::dynamic::validate`] for untyped parameters (the CLI, the sandbox) and by
//! [`crate::Request::to_params`] before a typed request is encoded. A broken rule is one
//! [`Violation`](crate::Violation) naming its parameters, with [`Rule::Conditional`].

use std::fmt;

use crate::dynamic::chosen_by;
use crate::request::{ParamInfo, Selector};
use crate::rule::{Rule, Violations};

/// A value condition on another parameter: `clearingtype=elv`, or any value of
/// `period_unit_trail` when `values` is empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    /// The parameter whose value decides.
    pub param: &'static str,
    /// The values that meet the condition; empty: any value the parameter is given with.
    pub values: &'static [&'static str],
}

impl When {
    /// Whether `input` meets the condition.
    pub fn holds<'v>(&self, input: &dyn Fn(&str) -> Option<&'v str>) -> bool {
        input(self.param).is_some_and(|v| self.values.is_empty() || self.values.contains(&v))
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.values {
            [] => write!(f, "{} is given", self.param),
            [one] => write!(f, "{}={one}", self.param),
            many => write!(f, "{} is one of {}", self.param, many.join(", ")),
        }
    }
}

/// What a rule demands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// At least one of the parameters is given.
    AnyOf(&'static [&'static str]),
    /// Every parameter of at least one of the sets is given.
    OneSetOf(&'static [&'static [&'static str]]),
    /// The parameter may only be given when the condition holds.
    OnlyWhen {
        /// The parameter.
        param: &'static str,
        /// The condition.
        when: When,
    },
    /// The parameter must be given when the condition holds.
    RequiredWhen {
        /// The parameter.
        param: &'static str,
        /// The condition.
        when: When,
    },
}

impl Check {
    /// Every parameter the rule names, each once, in the order written (the condition's
    /// parameter last).
    pub fn params(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        let mut add = |name: &'static str| {
            if !out.contains(&name) {
                out.push(name);
            }
        };
        match *self {
            Check::AnyOf(names) => names.iter().for_each(|n| add(n)),
            Check::OneSetOf(sets) => sets.iter().flat_map(|s| s.iter()).for_each(|n| add(n)),
            Check::OnlyWhen { param, when } | Check::RequiredWhen { param, when } => {
                add(param);
                add(when.param);
            }
        }
        out
    }

    /// The parameters a violation of the rule is reported under: those the sender has to add
    /// or remove (`ORDERID, PAYID`; `iban, bankcountry, bankcode, bankaccount`; `bankcode`).
    pub fn subject(&self) -> String {
        match *self {
            Check::AnyOf(_) | Check::OneSetOf(_) => self.params().join(", "),
            Check::OnlyWhen { param, .. } | Check::RequiredWhen { param, .. } => param.to_owned(),
        }
    }

    /// Whether `input` keeps the rule.
    pub fn holds<'v>(&self, input: &dyn Fn(&str) -> Option<&'v str>) -> bool {
        match *self {
            Check::AnyOf(names) => names.iter().any(|n| input(n).is_some()),
            Check::OneSetOf(sets) => sets.iter().any(|s| s.iter().all(|n| input(n).is_some())),
            Check::OnlyWhen { param, when } => input(param).is_none() || when.holds(input),
            Check::RequiredWhen { param, when } => input(param).is_some() || !when.holds(input),
        }
    }
}

impl fmt::Display for Check {
    /// The rule in plain English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Check::AnyOf(names) => write!(f, "at least one of {} is required", names.join(", ")),
            Check::OneSetOf(sets) => {
                f.write_str("one complete set of ")?;
                for (i, set) in sets.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    f.write_str(&set.join(" + "))?;
                }
                f.write_str(" is required")
            }
            Check::OnlyWhen { when, .. } if when.values.is_empty() => {
                write!(f, "only permitted with {}", when.param)
            }
            Check::OnlyWhen { when, .. } => write!(f, "only permitted when {when}"),
            Check::RequiredWhen { when, .. } => write!(f, "required when {when}"),
        }
    }
}

/// One `[[rule]]` of a table, as the generated code carries it.
#[derive(Debug, PartialEq, Eq)]
pub struct Condition {
    /// The rule's id in its table (`iban_or_bban`).
    pub id: &'static str,
    /// What it demands.
    pub check: Check,
    /// The payment-method block whose choice the rule applies under (`clearingtype=elv`), if
    /// any. Under an optional block (which a hosted page may fill) it applies once a parameter
    /// of the block is given.
    pub block: Option<Selector>,
    /// The rule in the table's words.
    pub doc: &'static str,
    /// The documentation page that states it.
    pub source: &'static str,
}

impl Condition {
    /// Whether the rule applies to `input`: always, or when its block is chosen (and, for an
    /// optional block, used).
    pub fn applies<'v>(
        &self,
        rows: &[&ParamInfo],
        input: &dyn Fn(&str) -> Option<&'v str>,
    ) -> bool {
        let Some(block) = self.block else {
            return true;
        };
        if !chosen_by(rows, Some(block), input) {
            return false;
        }
        block.mandatory
            || rows
                .iter()
                .any(|r| r.block == Some(block) && input(r.name).is_some())
    }
}

impl fmt::Display for Condition {
    /// The rule in plain English, then its doc: `at least one of ORDERID, PAYID is required
    /// (...)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.check, self.doc)
    }
}

/// Checks `rules` against `input` (a lookup of the given values; empty values count as not
/// given): one violation per broken rule, named by [`Check::subject`].
pub fn check<'v>(
    rules: &'static [Condition],
    rows: &[&ParamInfo],
    input: &dyn Fn(&str) -> Option<&'v str>,
) -> Violations {
    let given = |name: &str| input(name).filter(|v| !v.is_empty());
    let mut violations = Violations::new();
    for rule in rules {
        if rule.applies(rows, &given) && !rule.check.holds(&given) {
            violations.push(rule.check.subject(), Rule::Conditional(rule));
        }
    }
    violations
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Required;

    fn row(name: &'static str, block: Option<Selector>) -> ParamInfo {
        ParamInfo {
            name,
            format: "TEXT",
            required: Required::Conditional,
            hash: false,
            sensitive: false,
            account: false,
            array: None,
            array_optional: false,
            repeat: false,
            block,
            group: "",
            check: |_| Ok(()),
        }
    }

    const ELV: Selector = Selector {
        param: "clearingtype",
        value: "elv",
        mandatory: true,
    };
    const CARD: Selector = Selector {
        param: "clearingtype",
        value: "cc",
        mandatory: false,
    };

    static RULES: &[Condition] = &[
        Condition {
            id: "orderid_or_payid",
            check: Check::AnyOf(&["ORDERID", "PAYID"]),
            block: None,
            doc: "identifies the order",
            source: "https://example.org/directlink",
        },
        Condition {
            id: "iban_or_bban",
            check: Check::OneSetOf(&[&["iban"], &["bankcountry", "bankcode", "bankaccount"]]),
            block: Some(ELV),
            doc: "the account",
            source: "https://example.org/elv",
        },
        Condition {
            id: "bankcode_only_de",
            check: Check::OnlyWhen {
                param: "bankcode",
                when: When {
                    param: "bankcountry",
                    values: &["DE"],
                },
            },
            block: Some(ELV),
            doc: "German accounts only",
            source: "https://example.org/elv",
        },
        Condition {
            id: "length_with_unit",
            check: Check::RequiredWhen {
                param: "period_length_trail",
                when: When {
                    param: "period_unit_trail",
                    values: &[],
                },
            },
            block: None,
            doc: "a unit needs a length",
            source: "https://example.org/access",
        },
        Condition {
            id: "pan_or_pseudo",
            check: Check::AnyOf(&["cardpan", "pseudocardpan"]),
            block: Some(CARD),
            doc: "the card",
            source: "https://example.org/cc",
        },
    ];

    fn rows() -> Vec<&'static ParamInfo> {
        let rows: &'static [ParamInfo] = Box::leak(Box::new([
            row("clearingtype", None),
            row("ORDERID", None),
            row("PAYID", None),
            row("iban", Some(ELV)),
            row("bankcountry", Some(ELV)),
            row("bankcode", Some(ELV)),
            row("bankaccount", Some(ELV)),
            row("cardpan", Some(CARD)),
            row("pseudocardpan", Some(CARD)),
            row("cardholder", Some(CARD)),
            row("period_length_trail", None),
            row("period_unit_trail", None),
        ]));
        rows.iter().collect()
    }

    /// The broken rules' ids and subjects for `pairs`.
    fn broken(pairs: &[(&str, &str)]) -> Vec<(String, &'static str)> {
        let lookup = |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        check(RULES, &rows(), &lookup)
            .into_iter()
            .map(|v| match v.rule {
                Rule::Conditional(c) => (v.param.into_owned(), c.id),
                other => panic!("not a conditional rule: {other}"),
            })
            .collect()
    }

    #[test]
    fn any_of_needs_one_of_its_parameters() {
        assert_eq!(
            broken(&[]),
            [("ORDERID, PAYID".to_owned(), "orderid_or_payid")]
        );
        assert_eq!(broken(&[("PAYID", "1")]), []);
        assert_eq!(broken(&[("ORDERID", "A")]), []);
        // An empty value is no value.
        assert_eq!(broken(&[("ORDERID", "")]).len(), 1);
    }

    #[test]
    fn one_set_of_needs_a_complete_set_under_its_block() {
        let base = [("PAYID", "1"), ("clearingtype", "elv")];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut pairs = base.to_vec();
            pairs.extend_from_slice(extra);
            broken(&pairs)
        };
        assert_eq!(
            with(&[]),
            [(
                "iban, bankcountry, bankcode, bankaccount".to_owned(),
                "iban_or_bban"
            )]
        );
        assert_eq!(with(&[("iban", "DE02")]), []);
        assert_eq!(
            with(&[("bankcountry", "DE"), ("bankcode", "1")]),
            [(
                "iban, bankcountry, bankcode, bankaccount".to_owned(),
                "iban_or_bban"
            )]
        );
        assert_eq!(
            with(&[
                ("bankcountry", "DE"),
                ("bankcode", "1"),
                ("bankaccount", "2")
            ]),
            []
        );
        // Another payment method: the block's rules do not apply.
        assert_eq!(broken(&[("PAYID", "1"), ("clearingtype", "rec")]), []);
    }

    #[test]
    fn only_when_refuses_the_parameter_without_the_value() {
        let pairs = [
            ("PAYID", "1"),
            ("clearingtype", "elv"),
            ("bankcountry", "AT"),
            ("bankcode", "1"),
            ("bankaccount", "2"),
        ];
        assert_eq!(
            broken(&pairs),
            [("bankcode".to_owned(), "bankcode_only_de")]
        );
    }

    #[test]
    fn required_when_demands_the_parameter_once_the_condition_holds() {
        assert_eq!(
            broken(&[("PAYID", "1"), ("period_unit_trail", "M")]),
            [("period_length_trail".to_owned(), "length_with_unit")]
        );
        assert_eq!(
            broken(&[
                ("PAYID", "1"),
                ("period_unit_trail", "M"),
                ("period_length_trail", "1")
            ]),
            []
        );
        assert_eq!(broken(&[("PAYID", "1"), ("period_length_trail", "1")]), []);
    }

    #[test]
    fn an_optional_block_applies_its_rules_once_it_is_used() {
        // Nothing of the block given: the hosted page collects the card.
        assert_eq!(broken(&[("PAYID", "1"), ("clearingtype", "cc")]), []);
        // An empty value is no use of the block.
        assert_eq!(
            broken(&[("PAYID", "1"), ("clearingtype", "cc"), ("cardpan", "")]),
            []
        );
        // A block parameter outside the rule uses the block.
        assert_eq!(
            broken(&[("PAYID", "1"), ("clearingtype", "cc"), ("cardholder", "A")]),
            [("cardpan, pseudocardpan".to_owned(), "pan_or_pseudo")]
        );
        assert_eq!(
            broken(&[
                ("PAYID", "1"),
                ("clearingtype", "cc"),
                ("cardholder", "A"),
                ("pseudocardpan", "x")
            ]),
            []
        );
    }

    #[test]
    fn the_message_names_the_rule_in_plain_english() {
        assert_eq!(
            Rule::Conditional(&RULES[0]).to_string(),
            "at least one of ORDERID, PAYID is required (identifies the order)"
        );
        assert_eq!(
            RULES[1].check.to_string(),
            "one complete set of iban or bankcountry + bankcode + bankaccount is required"
        );
        assert_eq!(
            RULES[2].check.to_string(),
            "only permitted when bankcountry=DE"
        );
        assert_eq!(
            RULES[3].check.to_string(),
            "required when period_unit_trail is given"
        );
    }
}
