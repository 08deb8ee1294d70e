//! The smallest valid PDF the sandbox can answer getfile with: one A4 page of text lines in
//! Helvetica, with a correct cross-reference table, so that PDF readers and tests that parse
//! the file accept it.

/// A one-page PDF showing `lines`, one per line. Characters outside printable ASCII become `?`.
pub(crate) fn one_page(lines: &[String]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 56 780 Td 16 TL\n");
    for line in lines {
        content.push('(');
        for c in line.chars() {
            match c {
                '(' | ')' | '\\' => {
                    content.push('\\');
                    content.push(c);
                }
                ' '..='~' => content.push(c),
                _ => content.push('?'),
            }
        }
        content.push_str(") Tj T*\n");
    }
    content.push_str("ET\n");

    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{object}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        pdf.push_str(&format!("{offset:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::one_page;

    #[test]
    fn the_cross_reference_table_points_at_each_object() {
        let pdf = one_page(&["Mandate (1) \\ Straße".to_owned()]);
        let text = String::from_utf8(pdf).unwrap();
        assert!(text.starts_with("%PDF-1.4\n") && text.ends_with("%%EOF\n"));
        assert!(text.contains("(Mandate \\(1\\) \\\\ Stra?e) Tj"), "{text}");
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|tail| tail.lines().next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref\n0 6\n"));
        for (i, entry) in text[xref..].lines().skip(3).take(5).enumerate() {
            let offset: usize = entry[..10].parse().unwrap();
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj\n", i + 1)),
                "object {} at {offset}",
                i + 1
            );
        }
    }
}
