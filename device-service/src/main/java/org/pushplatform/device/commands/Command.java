package org.pushplatform.device.commands;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A command as the admin API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Command(long id, String app, String serial, String event, JsonNode payload, CommandState state, int attempts,
                      int maxAttempts, long ackTimeoutMs, OffsetDateTime expiresAt, OffsetDateTime createdAt,
                      OffsetDateTime sentAt, OffsetDateTime settledAt, JsonNode result, String error) {
}
