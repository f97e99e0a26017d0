-- Groups of each app. A group's messages live in its conversation ('g:<id>'), stored once whatever its size.
CREATE TABLE chat_group (
    app        VARCHAR(64)   NOT NULL,
    id         VARCHAR(64)   NOT NULL,
    name       VARCHAR(200)  NOT NULL DEFAULT '',
    avatar     VARCHAR(1000) NOT NULL DEFAULT '',
    creator    VARCHAR(64)   NOT NULL,
    is_post    BOOLEAN       NOT NULL DEFAULT false,
    -- ban speak: only the group's admins may send
    banned     BOOLEAN       NOT NULL DEFAULT false,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (app, id)
);

-- A member's window on its group's conversation: it sees the messages after joined_seq and, once removed, none after
-- left_seq (the row stays, so that a removed member is told 'removeit', and a member who rejoins starts anew).
ALTER TABLE conversation_member
    ADD COLUMN joined_seq     BIGINT      NOT NULL DEFAULT 0,
    ADD COLUMN left_seq       BIGINT,
    ADD COLUMN is_admin       BOOLEAN     NOT NULL DEFAULT false,
    -- set group notice: false mutes the group for this member (its unread counts as notPush)
    ADD COLUMN is_push        BOOLEAN     NOT NULL DEFAULT true,
    -- the last @-mention of this member (group shake): unread while mention_seq > read_seq
    ADD COLUMN mention_seq    BIGINT,
    ADD COLUMN mention_msg_id VARCHAR(64),
    ADD COLUMN mention_at     TIMESTAMPTZ;

CREATE INDEX conversation_member_by_conversation ON conversation_member (app, conversation_id) WHERE left_seq IS NULL;
CREATE INDEX connection_by_current_chat ON connection (app, current_chat) WHERE current_chat IS NOT NULL;
