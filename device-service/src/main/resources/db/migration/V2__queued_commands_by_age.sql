-- The sweeper looks for commands queued a while for online devices (a lost nudge): by age, among the queued only.
CREATE INDEX command_queued ON device.command (created_at) WHERE state = 'QUEUED';
