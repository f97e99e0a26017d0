-- A stored delivery whose record was lost on its way (a crash after commit, a gateway topic's retention passing
-- while it lagged) is sent again to a connected identity that has not received it: when, so as not to repeat it
-- too often.
ALTER TABLE pending_delivery ADD COLUMN resent_at TIMESTAMPTZ;
