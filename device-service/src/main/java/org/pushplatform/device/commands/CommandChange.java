package org.pushplatform.device.commands;

import com.fasterxml.jackson.databind.JsonNode;
import org.pushplatform.device.devices.DeviceRef;

/**
 * A command's new state, as a statement of the ledger returned it.
 *
 * @param retrying true when a timed-out attempt left it queued for another
 */
public record CommandChange(long id, DeviceRef device, String event, CommandState state, int attempts, JsonNode result,
                            String error, boolean retrying) {
}
