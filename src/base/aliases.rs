//! The YAML alias budget: what `*name` aliases may add to a document before it is refused.

use std::cell::Cell;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Bytes of text that aliases may add to one YAML document, beyond the document's own size.
pub(crate) const ALIAS_BYTES: usize = 1 << 20;
/// Values (scalars, lists, mappings) that aliases may add to one YAML document.
pub(crate) const ALIAS_NODES: usize = 100_000;

const OVER: &str = "loa alias budget exceeded";

/// Where a document whose aliases go over the budget repeats too much: the byte offset in
/// `yaml` of the alias to point at. `None` when the document stays within the budget, or does
/// not parse (the real parse reports that).
///
/// The document is walked as the deserializer sees it, aliases expanded, and the walk stops as
/// soon as the budget is spent, so a bomb costs no more than the budget.
pub(crate) fn over_budget(yaml: &str) -> Option<usize> {
    // Aliases need an anchor (`&name`) and a use of it (`*name`); most documents have neither.
    if !yaml.contains('&') || !yaml.contains('*') {
        return None;
    }
    let budget = Budget {
        bytes: Cell::new(yaml.len() + ALIAS_BYTES),
        nodes: Cell::new(yaml.len() + ALIAS_NODES),
    };
    let error = Count(&budget)
        .deserialize(serde_yaml::Deserializer::from_str(yaml))
        .err()?;
    let message = error.to_string();
    // yaml_serde's own cap on alias jumps means the same thing, without a location.
    if !message.contains(OVER) && !message.contains("repetition limit exceeded") {
        return None;
    }
    let anchored = error
        .location()
        .map(|l| offset_of(yaml, l.line(), l.column()))
        .and_then(|at| anchor_name(&yaml[at..]));
    Some(
        anchored
            .and_then(|name| first_alias(yaml, Some(name)))
            .or_else(|| first_alias(yaml, None))
            .unwrap_or(0),
    )
}

struct Budget {
    bytes: Cell<usize>,
    nodes: Cell<usize>,
}

impl Budget {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        match (
            self.bytes.get().checked_sub(bytes),
            self.nodes.get().checked_sub(1),
        ) {
            (Some(b), Some(n)) => {
                self.bytes.set(b);
                self.nodes.set(n);
                Ok(())
            }
            _ => Err(E::custom(OVER)),
        }
    }
}

/// Counts every value of a document against the budget, keeping none of them.
#[derive(Clone, Copy)]
struct Count<'b>(&'b Budget);

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.0.spend(1)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.0.spend(8)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.spend(v.len())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.0.spend(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.spend(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = &text[start.min(text.len())..];
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}')
}

/// The anchor a node starts with: `&name` in `&name value` or `!tag &name value`.
fn anchor_name(node: &str) -> Option<&str> {
    let node = match node.strip_prefix('!') {
        Some(tagged) => tagged.split_once(' ')?.1.trim_start(),
        None => node,
    };
    let name = node.strip_prefix('&')?;
    let end = name.find(|c| !is_name_char(c)).unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

/// Where the first alias of `name` (of any name when `None`) is, as a token of its own.
fn first_alias(yaml: &str, name: Option<&str>) -> Option<usize> {
    yaml.match_indices('*').map(|(at, _)| at).find(|&at| {
        let starts_token = yaml[..at]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '[' | '{' | ',' | ':' | '-'));
        let rest = &yaml[at + 1..];
        let end = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
        starts_token && end > 0 && name.is_none_or(|n| &rest[..end] == n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_anchors_pass_and_a_bomb_is_found_at_its_alias() {
        assert_eq!(over_budget("a: &x [1, 2]\nb: *x\nc: 3 * 4 & 5\n"), None);
        let big = "B".repeat(600_000);
        let bomb = format!("x: &y \"{big}\"\nz: &x 1\nuse: [*x, *y, *x, *y, *y]\n");
        let at = over_budget(&bomb).expect("over the budget");
        assert_eq!(at, bomb.find("*y").unwrap());
        let laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        assert!(over_budget(laughs).is_some());
    }
}
