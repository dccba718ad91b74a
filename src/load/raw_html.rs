//! What raw HTML in an article shows and where it links, read with html5ever's tokenizer as a
//! browser reads it (entities decoded, attributes unquoted), for the content rules.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// What a piece of raw HTML holds, each part with the line of the piece it is on (0-based).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Read {
    /// Visible text, and the gaps the browser draws between texts: `None` for inline markup
    /// (`c<b></b>asino` reads "casino"), a line break for a block or `<br>`.
    pub parts: Vec<(usize, Part)>,
    /// The addresses of links and media that the sanitizer keeps: `<a href>`, `<img src>`,
    /// each candidate of a `srcset`, ...
    pub urls: Vec<(usize, String)>,
}

#[derive(Debug, PartialEq)]
pub(crate) enum Part {
    Text(String),
    Break,
}

/// Elements that flow inside a line of text: their tags do not separate words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
    "tt", "u", "var", "wbr",
];

/// Elements whose content the reader never sees as text.
const UNSEEN: &[&str] = &[
    "script", "style", "template", "title", "noscript", "textarea", "xmp", "iframe", "noembed",
    "noframes",
];

/// Which attributes of which elements hold an address a reader is sent to or shown from.
/// Frames, embeds, scripts and forms are not here: the sanitizer drops them and says so.
fn url_attributes(element: &str) -> &'static [&'static str] {
    match element {
        "a" | "area" => &["href"],
        "img" | "source" => &["src", "srcset"],
        "video" => &["src", "poster"],
        "audio" | "track" => &["src"],
        _ => &[],
    }
}

struct Sink {
    read: RefCell<Read>,
    /// Inside an element whose content is not shown, until its end tag.
    unseen: RefCell<Option<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let line = usize::try_from(line.saturating_sub(1)).unwrap_or(usize::MAX);
        let mut read = self.read.borrow_mut();
        let mut unseen = self.unseen.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if let Some(open) = unseen.as_deref() {
                    if tag.kind == TagKind::EndTag && open == name {
                        *unseen = None;
                    }
                    return TokenSinkResult::Continue;
                }
                if !INLINE.contains(&name.as_str()) {
                    read.parts.push((line, Part::Break));
                }
                if tag.kind == TagKind::StartTag {
                    for attribute in &tag.attrs {
                        let key = attribute.name.local.to_string();
                        if !url_attributes(&name).contains(&key.as_str()) {
                            continue;
                        }
                        let value = attribute.value.to_string();
                        if key == "srcset" {
                            read.urls
                                .extend(srcset(&value).map(|u| (line, u.to_owned())));
                        } else {
                            read.urls.push((line, value));
                        }
                    }
                    if UNSEEN.contains(&name.as_str()) && !tag.self_closing {
                        *unseen = Some(name.clone());
                        return match name.as_str() {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                            _ => TokenSinkResult::RawData(RawKind::Rawtext),
                        };
                    }
                }
            }
            Token::CharacterTokens(text) if unseen.is_none() => {
                push_text(&mut read, line, &text);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn push_text(read: &mut Read, line: usize, text: &StrTendril) {
    if let Some((at, Part::Text(last))) = read.parts.last_mut()
        && *at == line
    {
        last.push_str(text);
    } else {
        read.parts.push((line, Part::Text(text.to_string())));
    }
}

/// The address of each candidate of a `srcset`: "a.jpg 1x, b.jpg 2x".
fn srcset(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(',')
        .filter_map(|candidate| candidate.split_whitespace().next())
}

/// Reads a piece of raw HTML: a tag of a paragraph, or a whole HTML block.
pub(crate) fn read(html: &str) -> Read {
    let sink = Sink {
        read: RefCell::default(),
        unseen: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.read.take()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(read: &Read) -> String {
        read.parts
            .iter()
            .map(|(_, p)| match p {
                Part::Text(t) => t.as_str(),
                Part::Break => "\n",
            })
            .collect()
    }

    #[test]
    fn inline_tags_do_not_split_words_and_entities_are_decoded() {
        let r = read("<p>c<b></b>a&#115;i&shy;no <span>t&agrave;i</span><br>x&#7881;u</p>");
        assert_eq!(text(&r), "\ncasi\u{ad}no tài\nxỉu\n");
    }

    #[test]
    fn unseen_content_is_skipped() {
        let r = read("<style>.casino{}</style><script>var casino</script><!-- casino -->ok");
        assert_eq!(text(&r).trim(), "ok");
    }

    #[test]
    fn link_and_media_addresses_are_read_as_decoded_by_the_browser() {
        let r = read(
            "<a href='&#x2F;/evil.example'>x</a>\n<img src=a.jpg srcset=\"b.jpg 1x, //c.example/c.jpg 2x\">\n<area href=/\\d.example><iframe src=//frame.example></iframe>",
        );
        assert_eq!(
            r.urls,
            [
                (0, "//evil.example".to_owned()),
                (1, "a.jpg".to_owned()),
                (1, "b.jpg".to_owned()),
                (1, "//c.example/c.jpg".to_owned()),
                (2, "/\\d.example".to_owned()),
            ]
        );
    }
}
