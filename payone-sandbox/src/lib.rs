//! A local emulation of the PAYONE platform (work in progress).
