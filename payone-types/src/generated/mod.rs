pub(crate) mod iso {
    pub(crate) const CURRENCIES: &[&str] = &["EUR", "USD"];
    pub(crate) const COUNTRIES: &[&str] = &["DE", "GB"];
    pub(crate) const LANGUAGES: &[&str] = &["de", "en"];
}
