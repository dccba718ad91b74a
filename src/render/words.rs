//! The theme's words in its templates: each `t.<key>` is replaced by that language's string
//! when the templates are compiled, one compiled set per language, and so are the language's
//! constants (`lang`, `in_other_language`), so a page pays nothing at render time for its
//! interface being translatable.

use crate::base::text::closest;
use crate::load::strings::Strings;

/// A value the same on every page of one language, inlined where a template names it.
pub(crate) enum Constant {
    Text(String),
    Bool(bool),
}

/// Where a template names the words wrongly: byte offset in the source and the message.
pub(crate) struct Misuse {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub hint: String,
}

/// `source` with every `t.<key>` inside a Tera tag replaced by `words`' string, and every
/// variable named in `constants` by its value: `{{ t.key }}` alone becomes the text itself
/// (HTML-escaped when `escape`, as Tera would print it), any other use a literal
/// (`t.section_feed | fill(...)`, `label={t.tags}`, `{% if in_other_language %}`). Text outside
/// tags and inside comments and string literals is left alone.
pub(crate) fn inline(
    source: &str,
    words: &Strings,
    constants: &[(&str, Constant)],
    escape: bool,
) -> Result<String, Misuse> {
    let mut out = String::with_capacity(source.len() + 1024);
    let mut rest = 0;
    let bytes = source.as_bytes();
    let mut i = 0;
    while let Some(open) = source[i..].find('{').map(|o| i + o) {
        let close = match bytes.get(open + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                i = open + 1;
                continue;
            }
        };
        let Some(end) = source[open + 2..].find(close).map(|e| open + 2 + e) else {
            // Tera reports the unclosed tag.
            break;
        };
        if close == "#}" {
            i = end + 2;
            continue;
        }
        let inner = &source[open + 2..end];
        if close == "%}" {
            shadowing(inner, open + 2, constants)?;
        }
        let expression = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
        let whole = match expression.strip_prefix("t.") {
            Some(key) if close == "}}" && is_key(key) => {
                Some(word(words, key, open + 2 + inner.find("t.").unwrap_or(0))?)
            }
            _ if close == "}}" => constants.iter().find_map(|(name, value)| match value {
                Constant::Text(text) if *name == expression => Some(text.as_str()),
                _ => None,
            }),
            _ => None,
        };
        if let Some(text) = whole {
            out.push_str(&source[rest..open]);
            if escape {
                let mut escaped = Vec::with_capacity(text.len());
                tera::escape_html(text, &mut escaped).expect("writing to a Vec");
                out.push_str(std::str::from_utf8(&escaped).expect("escaping keeps UTF-8"));
            } else {
                out.push_str(text);
            }
            rest = end + 2;
            i = end + 2;
            continue;
        }
        let mut j = open + 2;
        while j < end {
            match bytes[j] {
                quote @ (b'"' | b'\'' | b'`') => {
                    j = source[j + 1..end]
                        .find(quote as char)
                        .map_or(end, |q| j + 1 + q + 1);
                }
                b't' if bytes.get(j + 1) == Some(&b'.')
                    && (j == 0 || !is_ident_byte(bytes[j - 1]) && bytes[j - 1] != b'.') =>
                {
                    let key_len = source[j + 2..end]
                        .bytes()
                        .take_while(|&b| is_ident_byte(b))
                        .count();
                    let key = &source[j + 2..j + 2 + key_len];
                    if key.is_empty() {
                        j += 1;
                        continue;
                    }
                    let text = word(words, key, j)?;
                    out.push_str(&source[rest..j]);
                    out.push_str(&literal(text).ok_or_else(|| Misuse {
                        offset: j,
                        len: 2 + key_len,
                        message: format!("the string of `{key}` holds all three quote marks (\" ' `), which a template cannot quote"),
                        hint: "write one of them differently in the theme's strings file".into(),
                    })?);
                    rest = j + 2 + key_len;
                    j = rest;
                }
                b if is_ident_byte(b)
                    && (j == 0 || !is_ident_byte(bytes[j - 1]) && bytes[j - 1] != b'.') =>
                {
                    let len = source[j..end]
                        .bytes()
                        .take_while(|&b| is_ident_byte(b))
                        .count();
                    let name = &source[j..j + len];
                    let next = source[j + len..end].trim_start().bytes().next();
                    // A variable, not an attribute, a call or an argument's name (`x=`, but
                    // `x == y` compares a variable).
                    let assigned = next == Some(b'=')
                        && source[j + len..end].trim_start()[1..].bytes().next() != Some(b'=');
                    let variable = !matches!(next, Some(b'.' | b'(' | b'[')) && !assigned;
                    match constants.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) if variable => {
                            out.push_str(&source[rest..j]);
                            match value {
                                Constant::Bool(b) => {
                                    out.push_str(if *b { "true" } else { "false" })
                                }
                                Constant::Text(text) => {
                                    out.push_str(&literal(text).unwrap_or_default())
                                }
                            }
                            rest = j + len;
                        }
                        _ => {}
                    }
                    j += len;
                }
                _ => j += 1,
            }
        }
        i = end + 2;
    }
    out.push_str(&source[rest..]);
    Ok(out)
}

fn word<'w>(words: &'w Strings, key: &str, offset: usize) -> Result<&'w str, Misuse> {
    words.get(key).ok_or_else(|| Misuse {
        offset,
        len: 2 + key.len(),
        message: format!("`t.{key}` is not a key of the theme's strings.yaml"),
        hint: match closest(key, Strings::keys()) {
            Some(k) => format!("did you mean `t.{k}`? (the keys are in strings.yaml)"),
            None => "use a key of strings.yaml, or add one (README: Themes)".into(),
        },
    })
}

/// `t` is the theme's words and the constants are fixed per language; a loop or `set`
/// variable of one of those names would hide them.
fn shadowing(tag: &str, at: usize, constants: &[(&str, Constant)]) -> Result<(), Misuse> {
    let words: Vec<&str> = tag.split_whitespace().collect();
    let bound: Vec<&str> = match words.as_slice() {
        ["for", first, second, ..] if first.ends_with(',') => {
            vec![first.trim_end_matches(','), second]
        }
        ["for", first, ..] => vec![first.trim_end_matches(',')],
        ["set" | "set_global", name, ..] => vec![name.split('=').next().unwrap_or(name)],
        _ => Vec::new(),
    };
    let reserved = |n: &str| n == "t" || constants.iter().any(|(c, _)| *c == n);
    if let Some(name) = bound.into_iter().find(|n| reserved(n)) {
        let offset = at + tag.find(&format!(" {name}")).map_or(0, |p| p + 1);
        return Err(Misuse {
            offset,
            len: name.len(),
            message: format!(
                "`{name}` is given by the theme's language (t.<key>, lang, in_other_language) and cannot be a variable"
            ),
            hint: "give the variable another name, e.g. `tag` or `item`".into(),
        });
    }
    Ok(())
}

fn is_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(is_ident_byte)
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `text` as a Tera string literal, in a quote mark it does not contain.
fn literal(text: &str) -> Option<String> {
    ['"', '\'', '`']
        .into_iter()
        .find(|q| !text.contains(*q))
        .map(|q| format!("{q}{text}{q}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::strings::default_words;

    fn constants() -> Vec<(&'static str, Constant)> {
        vec![
            ("lang", Constant::Text("vi".into())),
            ("in_other_language", Constant::Bool(false)),
        ]
    }

    #[test]
    fn words_are_inlined_in_tags_only() {
        let words = default_words();
        let out = inline(
            "<p>{{ t.toc }}</p>{{- t.search -}}{{ t.sections_in | fill(section=1) }}{# t.toc #} t.toc {{ \"t.toc\" }}{{ at.toc }}",
            &words,
            &constants(),
            true,
        )
        .ok()
        .unwrap();
        assert_eq!(
            out,
            "<p>Mục lục</p>Tìm kiếm{{ \"Các mục trong {section}\" | fill(section=1) }}{# t.toc #} t.toc {{ \"t.toc\" }}{{ at.toc }}"
        );
    }

    #[test]
    fn the_constants_are_inlined_where_they_are_variables() {
        let words = default_words();
        let out = inline(
            "<html lang=\"{{ lang }}\">{% if in_other_language %}x{% endif %}{% if v.lang != lang %}{{ f(lang=1) }}{% endif %}{{ site.lang }}",
            &words,
            &constants(),
            true,
        )
        .ok()
        .unwrap();
        assert_eq!(
            out,
            "<html lang=\"vi\">{% if false %}x{% endif %}{% if v.lang != \"vi\" %}{{ f(lang=1) }}{% endif %}{{ site.lang }}"
        );
    }

    #[test]
    fn an_unknown_key_or_a_variable_named_t_is_refused_where_it_is() {
        let words = default_words();
        let e = inline("ab {{ t.tco }}", &words, &[], true).err().unwrap();
        assert_eq!((e.offset, e.len), (6, 5));
        assert!(e.message.contains("`t.tco`"));
        assert!(e.hint.contains("`t.toc`"));
        let e = inline("{% for t in tags %}{% endfor %}", &words, &[], true)
            .err()
            .unwrap();
        assert_eq!(e.offset, 7);
        let e = inline("{% set lang = 1 %}", &words, &constants(), true)
            .err()
            .unwrap();
        assert_eq!((e.offset, e.len), (7, 4));
        assert!(inline("{% for tag in tags %}{% endfor %}", &words, &[], true).is_ok());
    }
}
