//! What the preview adds to pages: the reload script, and over a failed build the error
//! overlay, in Vietnamese for the editor.

use crate::base::error::{Diagnostic, display_path};
use crate::base::text::escape_html;

/// The error overlay, in Vietnamese for the editor: where, what, and how to fix it.
pub(super) fn overlay(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut html = format!(
        "<div id=\"loa-overlay\" role=\"alertdialog\" aria-modal=\"true\" aria-labelledby=\"loa-overlay-title\">\
         <div class=\"loa-box\"><h2 id=\"loa-overlay-title\">Không dựng được trang: {} lỗi</h2>\
         <p>Trang bên dưới là bản dựng thành công gần nhất. Sửa các lỗi sau rồi lưu tệp, trình duyệt sẽ tự tải lại.</p><ol>",
        errors.len()
    );
    for d in errors {
        html.push_str("<li><p class=\"loa-where\"><strong>Tệp:</strong> ");
        html.push_str(&escape_html(&display_path(&d.file)));
        if d.span.line > 0 {
            html.push_str(&format!(
                ", <strong>dòng</strong> {}, <strong>cột</strong> {}",
                d.span.line, d.span.column
            ));
        }
        html.push_str("</p>");
        if let Some(line) = &d.source_line {
            html.push_str(&format!(
                "<pre>{} | {}</pre>",
                d.span.line,
                escape_html(line)
            ));
        }
        let (message, hint) = match &d.vi {
            Some((m, h)) => (m.as_str(), h.as_deref()),
            None => (d.message.as_str(), d.hint.as_deref()),
        };
        html.push_str(&format!(
            "<p><strong>Lỗi:</strong> {}</p>",
            escape_html(message)
        ));
        if let Some(note) = &d.note {
            html.push_str(&format!(
                "<p><strong>Ghi chú:</strong> {}</p>",
                escape_html(note)
            ));
        }
        if let Some(hint) = hint {
            html.push_str(&format!(
                "<p><strong>Cách sửa:</strong> {}</p>",
                escape_html(hint)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></div></div>");
    html
}

pub(super) const OVERLAY_CSS: &str = "#loa-overlay{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.85);overflow:auto;font:16px/1.5 system-ui,sans-serif;color:#1f2933}#loa-overlay .loa-box{background:#fff;max-width:60rem;margin:2rem auto;padding:1.5rem;border-top:6px solid #b42318}#loa-overlay h2{color:#b42318;margin-top:0}#loa-overlay pre{background:#f3f4f6;padding:.5rem;overflow:auto}#loa-overlay li{margin-bottom:1rem}";

/// Adds the reload script (and the overlay, if the last build failed) to a page. Only the
/// preview does this; `loa build` output never contains it.
pub(super) fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let mut extra = String::from(
        "<link rel=\"stylesheet\" href=\"/__loa/overlay.css\"><script src=\"/__loa/reload.js\"></script>",
    );
    if let Some(o) = overlay {
        extra.push_str(o);
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injection_goes_before_body_end() {
        let out = inject(
            b"<html><body><p>x</p></body></html>",
            Some("<div id=\"loa-overlay\"></div>"),
        );
        let out = String::from_utf8(out).unwrap();
        assert!(out.ends_with("<div id=\"loa-overlay\"></div></body></html>"));
        assert!(out.contains("/__loa/reload.js"));
    }
}
