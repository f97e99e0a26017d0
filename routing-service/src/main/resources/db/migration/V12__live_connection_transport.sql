-- The transport a live connection came over (tcp, socketio), where an API has more than one: the push-server API's
-- /info/allChannelAlias and /info/allSocketIOAlias list the aliases online over each.
ALTER TABLE live_connection ADD COLUMN transport VARCHAR(16);
CREATE INDEX live_connection_by_app_api ON live_connection (app, api);
