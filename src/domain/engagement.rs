//! The lifecycle of an engagement: one side expresses interest, the other agrees or declines;
//! agreed work goes in progress and is completed (with an outcome) or cancelled.

use super::vocab::vocabulary;
use crate::error::{Arg, Said};

vocabulary! {
    EngagementStatus {
        Interest => "interest",
        Agreed => "agreed",
        InProgress => "in_progress",
        Completed => "completed",
        Declined => "declined",
        Cancelled => "cancelled",
    }
}

vocabulary! {
    /// The two sides of a pair: the requesting State, or the offer's provider.
    Side { Request => "request", Offer => "offer" }
}

impl EngagementStatus {
    /// Agreed and later engagements use up the offer's capacity.
    pub fn uses_capacity(self) -> bool {
        matches!(self, EngagementStatus::Agreed | EngagementStatus::InProgress | EngagementStatus::Completed)
    }

    /// Moving work on (agreeing, starting it) needs the requesting State's consent, as creating
    /// the engagement does; ending it (declining, cancelling, completing) never waits for it.
    pub fn needs_consent(self) -> bool {
        matches!(self, EngagementStatus::Agreed | EngagementStatus::InProgress)
    }

    /// Not finished: blocks a second engagement on the same pair.
    pub fn is_active(self) -> bool {
        matches!(self, EngagementStatus::Interest | EngagementStatus::Agreed | EngagementStatus::InProgress)
    }

    /// Whether `side` may move an engagement started by `initiator` from `self` to `next`.
    pub fn may_become(self, next: EngagementStatus, side: Side, initiator: Side) -> Result<(), Said> {
        use EngagementStatus::*;
        let allowed = match (self, next) {
            (Interest, Agreed) | (Interest, Declined) => side != initiator,
            (Interest, Cancelled) | (Agreed, InProgress) | (Agreed, Cancelled) => true,
            (InProgress, Completed) | (InProgress, Cancelled) => true,
            _ => false,
        };
        match (allowed, self, next) {
            (true, _, _) => Ok(()),
            (false, Interest, Agreed | Declined) => Err(Said::of("conflict-own-interest")),
            (false, from, to) => Err(Said::new(
                "conflict-engagement-step",
                vec![
                    ("from", Arg::term("engagement-status", from.as_str())),
                    ("to", Arg::term("engagement-status", to.as_str())),
                ],
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EngagementStatus::*;
    use super::Side::*;

    #[test]
    fn lifecycle() {
        assert!(Interest.may_become(Agreed, Offer, Request).is_ok());
        assert!(Interest.may_become(Agreed, Request, Request).is_err(), "nobody agrees with themselves");
        assert!(Interest.may_become(Declined, Offer, Request).is_ok());
        assert!(Interest.may_become(Cancelled, Request, Request).is_ok());
        assert!(Agreed.may_become(InProgress, Request, Request).is_ok());
        assert!(InProgress.may_become(Completed, Offer, Request).is_ok());
        assert!(Completed.may_become(Cancelled, Offer, Request).is_err());
        assert!(Declined.may_become(Agreed, Offer, Request).is_err());
        assert!(Interest.may_become(Completed, Offer, Request).is_err());
        assert!(Agreed.uses_capacity() && !Interest.uses_capacity() && !Cancelled.uses_capacity());
    }
}
