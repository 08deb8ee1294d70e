//! Transport for the PAYONE APIs (work in progress).
