//! The sandbox's installment arithmetic, shared by the secured, Ratepay and Unzer plans: simple
//! interest on the amount over the months, equal monthly rates with the rounding remainder in
//! the last one. The figures are deterministic and add up (`monthly * (payments - 1) + last ==
//! total`); they are no offer of a real provider.

use time::{Date, Duration, OffsetDateTime};

/// One installment plan for an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Number of monthly payments.
    pub(crate) payments: u32,
    /// Nominal yearly interest in hundredths of a percent (`900` is 9.00 %).
    pub(crate) nominal: i64,
    /// Effective yearly interest (monthly compounding of the nominal rate), in hundredths of a
    /// percent.
    pub(crate) effective: i64,
    /// The amount financed, minor units.
    pub(crate) amount: i64,
    /// Everything the buyer pays, minor units.
    pub(crate) total: i64,
    /// Each payment but the last, minor units.
    pub(crate) monthly: i64,
    /// The last payment, minor units.
    pub(crate) last: i64,
}

impl Plan {
    /// The plan for `amount` (minor units, positive) over `payments` months at `nominal`
    /// hundredths of a percent a year.
    pub(crate) fn new(amount: i64, payments: u32, nominal: i64) -> Plan {
        let payments = payments.max(1);
        let months = i128::from(payments);
        // Rounded half up; i128 so that no amount the tables allow can overflow.
        let interest = (i128::from(amount) * i128::from(nominal) * months + 60_000) / 120_000;
        let total = amount.saturating_add(i64::try_from(interest).unwrap_or(i64::MAX));
        let monthly = total / i64::from(payments);
        let last = total - monthly * (i64::from(payments) - 1);
        let rate = nominal as f64 / 10_000.0 / 12.0;
        let effective = (((1.0 + rate).powi(12) - 1.0) * 10_000.0).round() as i64;
        Plan {
            payments,
            nominal,
            effective,
            amount,
            total,
            monthly,
            last,
        }
    }

    /// Interest and charges: what the buyer pays beyond the amount.
    pub(crate) fn interest(&self) -> i64 {
        self.total - self.amount
    }
}

/// The due date of payment `n` (1 for the first): `n` times 30 days from today.
pub(crate) fn due_date(n: u32) -> Date {
    OffsetDateTime::now_utc().date() + Duration::days(30 * i64::from(n))
}

/// `date` as `YYYY-MM-DD`, the form PAYONE's plugins read the installment dates in.
pub(crate) fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `amount` hundredths written with two decimals (`1499` -> `14.99`): rates and the amounts
/// of answers that PAYONE's plugins read as decimal numbers.
pub(crate) fn hundredths(amount: i64) -> String {
    crate::money::decimal(amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rates_add_up_to_the_total() {
        let plan = Plan::new(20_000, 6, 1100);
        // 200.00 at 11 % for 6 months: 11.00 interest.
        assert_eq!(plan.total, 21_100);
        assert_eq!(plan.monthly * 5 + plan.last, plan.total);
        assert_eq!(plan.interest(), 1_100);
        // 11 % compounded monthly is 11.57 % a year.
        assert_eq!(plan.effective, 1157);
        let odd = Plan::new(1_001, 3, 900);
        assert_eq!(odd.monthly * 2 + odd.last, odd.total);
        assert!(odd.last >= odd.monthly);
        let big = Plan::new(1_999_999_999, 12, 1400);
        assert_eq!(big.monthly * 11 + big.last, big.total);
    }

    #[test]
    fn dates_and_decimals() {
        assert_eq!(
            iso_date(Date::from_calendar_date(2026, time::Month::March, 5).unwrap()),
            "2026-03-05"
        );
        assert!(due_date(2) > due_date(1));
        assert_eq!(hundredths(999), "9.99");
    }
}
