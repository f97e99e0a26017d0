-- A command id on push.commands is up to 128 characters, stored as "command:<appkey>/<id>": room for both.
ALTER TABLE stored_delivery ALTER COLUMN source_id TYPE VARCHAR(256);
