//! Checking untyped `name=value` parameters against a request's table: what the CLI's
//! `validate` and `hash` and a receiving server need when the data does not come from the typed
//! builders. Every violation is collected; values are never part of the report.

use std::collections::{BTreeMap, BTreeSet};

use crate::check::CharFormat;
use crate::condition::Condition;
use crate::params::Params;
use crate::request::{ParamInfo, Required};
use crate::rule::{Rule, Violations};

/// A wire name split into its base and, for array elements, the index (`de[3]` -> `de`, 3).
pub fn split_name(name: &str) -> (&str, Option<u32>) {
    if let Some(open) = name.find('[')
        && let Some(inner) = name[open + 1..].strip_suffix(']')
        && let Ok(index) = inner.parse::<u32>()
    {
        return (&name[..open], Some(index));
    }
    (name, None)
}

/// The `hash` parameter itself: computed, so not a row of the generated tables.
const HASH: CharFormat = CharFormat {
    min: 1,
    max: 96,
    one_of: &[],
    lowercase: true,
    symbols: crate::check::Symbols::Set(&[('0', '9'), ('a', 'z')], "[0-9,a-z]"),
    checksum: crate::check::Checksum::None,
};

/// The value `input` gives for `name`, if any.
fn given<'i>(input: &'i [(String, String)], name: &str) -> Option<&'i str> {
    input
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Whether the block `block` belongs to is chosen by `input`: its selector (`clearingtype`) has
/// the block's value, and, for a sub-type block nested in a method's block
/// (`onlinebanktransfertype=IDL` inside `clearingtype=sb`), the row carrying that selector is
/// chosen too. Rows outside blocks are always chosen.
pub fn chosen(
    rows: &[&ParamInfo],
    block: Option<crate::Selector>,
    input: &[(String, String)],
) -> bool {
    chosen_by(rows, block, &|name| given(input, name))
}

/// [`chosen`] for any lookup of the given values (a typed request's wire form).
pub fn chosen_by<'v>(
    rows: &[&ParamInfo],
    block: Option<crate::Selector>,
    input: &dyn Fn(&str) -> Option<&'v str>,
) -> bool {
    // Each step goes one block outwards; generated tables nest a few levels, and the bound
    // keeps a hand-made cycle from looping.
    fn walk<'v>(
        rows: &[&ParamInfo],
        block: Option<crate::Selector>,
        input: &dyn Fn(&str) -> Option<&'v str>,
        depth: usize,
    ) -> bool {
        let Some(selector) = block else {
            return true;
        };
        if depth == 0 || input(selector.param) != Some(selector.value) {
            return false;
        }
        let mut parents = rows
            .iter()
            .filter(|r| r.name == selector.param && r.array.is_none())
            .peekable();
        parents.peek().is_none() || parents.any(|p| walk(rows, p.block, input, depth - 1))
    }
    walk(rows, block, input, 8)
}

/// Finds the row for `name`: array rows only for indexed names; among rows of the same name
/// (`iban` in the direct-debit and the online-transfer block) the one whose block `input`
/// chooses, else the first.
pub fn find_row<'r>(
    rows: &[&'r ParamInfo],
    name: &str,
    input: &[(String, String)],
) -> Option<&'r ParamInfo> {
    let (base, index) = split_name(name);
    let mut candidates = rows
        .iter()
        .copied()
        .filter(|r| r.name == base && r.array.is_some() == index.is_some());
    let first = candidates.next()?;
    let selected = |r: &ParamInfo| r.block.is_some() && chosen(rows, r.block, input);
    if selected(first) {
        return Some(first);
    }
    Some(candidates.find(|r| selected(r)).unwrap_or(first))
}

/// Checks `input` (in order, raw values) against the rows and the conditional rules of one
/// request ([`RequestEntry`](crate::request::RequestEntry)'s `params` and `rules`): one
/// violation per parameter that breaks its row, then one per broken rule.
pub fn validate(
    rows: &[&ParamInfo],
    rules: &'static [Condition],
    input: &[(String, String)],
) -> Violations {
    let mut violations = Violations::new();
    let mut seen = BTreeSet::new();
    // The blocks (by selector) of which at least one parameter was given.
    let mut blocks_used = BTreeSet::new();
    // Per array group (identified by its first row's name): the indices given, per base name.
    let mut indices: BTreeMap<&str, BTreeSet<u32>> = BTreeMap::new();

    for (name, value) in input {
        if !seen.insert(name.as_str()) && !find_row(rows, name, input).is_some_and(|r| r.repeat) {
            violations.push(name.clone(), Rule::Duplicate);
            continue;
        }
        if name == "hash" {
            violations.check(name.clone(), HASH.check(value));
            continue;
        }
        let Some(row) = find_row(rows, name, input) else {
            violations.push(name.clone(), Rule::Unknown);
            continue;
        };
        let (_, index) = split_name(name);
        if let (Some(max), Some(index)) = (row.array, index) {
            if index == 0 || index > max {
                violations.push(name.clone(), Rule::TooMany { max });
                continue;
            }
            indices.entry(row.name).or_default().insert(index);
        }
        if let Some(block) = row.block {
            if !chosen(rows, row.block, input) {
                violations.push(
                    name.clone(),
                    Rule::NotSelected {
                        selector: block.param,
                        value: block.value,
                    },
                );
                continue;
            }
            blocks_used.insert((block.param, block.value));
        }
        violations.check(name.clone(), (row.check)(value));
    }

    for row in rows.iter().filter(|r| r.required == Required::Yes) {
        match (row.array, row.block) {
            (Some(_), _) => {
                let given = array_indices(rows, row, &indices);
                if given.is_empty() && !row.array_optional {
                    violations.push(format!("{}[1]", row.name), Rule::Missing);
                }
                for index in given {
                    if !indices.get(row.name).is_some_and(|s| s.contains(&index)) {
                        violations.push(format!("{}[{index}]", row.name), Rule::Missing);
                    }
                }
            }
            (None, Some(block)) => {
                // A mandatory block's rows are required once its value is chosen; an optional
                // block's (which a hosted page may collect) once one of them is given.
                let needed = if block.mandatory {
                    chosen(rows, row.block, input)
                } else {
                    blocks_used.contains(&(block.param, block.value))
                };
                if needed && !input.iter().any(|(n, _)| n == row.name) {
                    violations.push(row.name, Rule::Missing);
                }
            }
            (None, None) => {
                if !input.iter().any(|(n, _)| n == row.name) {
                    violations.push(row.name, Rule::Missing);
                }
            }
        }
    }
    violations.extend(crate::condition::check(rules, rows, &|name| {
        given(input, name)
    }));
    violations
}

/// The indices given for any row of the element group `row` belongs to.
fn array_indices(
    rows: &[&ParamInfo],
    row: &ParamInfo,
    indices: &BTreeMap<&str, BTreeSet<u32>>,
) -> BTreeSet<u32> {
    rows.iter()
        .filter(|r| r.array.is_some() && r.group == row.group)
        .filter_map(|r| indices.get(r.name))
        .flatten()
        .copied()
        .collect()
}

/// The given parameters as [`Params`], with the hash and sensitivity flags of their rows;
/// unknown parameters are kept, not hashed and treated as sensitive (nothing is known about
/// them).
pub fn to_params<'a>(rows: &[&ParamInfo], input: &'a [(String, String)]) -> Params<'a> {
    let mut params = Params::new();
    for (name, value) in input {
        if name == "hash" {
            continue;
        }
        let (hash, sensitive) = match find_row(rows, name, input) {
            Some(row) => (row.hash, row.sensitive),
            None => (false, true),
        };
        params.push(name.clone(), value.as_str(), hash, sensitive);
    }
    params
}
