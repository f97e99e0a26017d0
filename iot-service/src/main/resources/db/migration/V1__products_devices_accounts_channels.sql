-- The IoT app channel's state, per app (tenant): products and their devices, user accounts with their iotTokens and
-- the devices they own, and the MQTT channels (client ids) bound to an account.

CREATE TABLE iot.product (
    app         text        NOT NULL,
    product_key text        NOT NULL,
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, product_key)
);

CREATE TABLE iot.device (
    app         text        NOT NULL,
    product_key text        NOT NULL,
    device_name text        NOT NULL,
    iot_id      text        NOT NULL UNIQUE,
    -- the seed's lifecycle: 0 not activated, 1 online, 3 offline, 8 disabled
    status      text        NOT NULL DEFAULT '0',
    status_at   bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, product_key, device_name),
    FOREIGN KEY (app, product_key) REFERENCES iot.product (app, product_key) ON DELETE CASCADE
);

CREATE TABLE iot.account (
    app        text        NOT NULL,
    account_id text        NOT NULL,
    name       text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, account_id)
);

CREATE TABLE iot.token (
    token      text        PRIMARY KEY,
    app        text        NOT NULL,
    account_id text        NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (app, account_id) REFERENCES iot.account (app, account_id) ON DELETE CASCADE
);
CREATE INDEX token_by_account ON iot.token (app, account_id);

-- which accounts own a device: its notices go to every channel bound to one of them
CREATE TABLE iot.ownership (
    app         text        NOT NULL,
    account_id  text        NOT NULL,
    product_key text        NOT NULL,
    device_name text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, account_id, product_key, device_name),
    FOREIGN KEY (app, account_id) REFERENCES iot.account (app, account_id) ON DELETE CASCADE,
    FOREIGN KEY (app, product_key, device_name) REFERENCES iot.device (app, product_key, device_name) ON DELETE CASCADE
);
CREATE INDEX ownership_by_device ON iot.ownership (app, product_key, device_name);

-- an MQTT client id bound to an account; product_key and device_name are the channel's own, from its bind topic
CREATE TABLE iot.channel (
    app         text        NOT NULL,
    client_id   text        NOT NULL,
    account_id  text        NOT NULL,
    product_key text        NOT NULL,
    device_name text        NOT NULL,
    bound_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, client_id),
    FOREIGN KEY (app, account_id) REFERENCES iot.account (app, account_id) ON DELETE CASCADE
);
CREATE INDEX channel_by_account ON iot.channel (app, account_id);
