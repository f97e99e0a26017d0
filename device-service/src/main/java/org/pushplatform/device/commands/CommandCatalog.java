package org.pushplatform.device.commands;

import java.util.Map;
import java.util.Set;

/**
 * The seed's server events that a device acks, so that each is a command with a lifecycle, and which of them are
 * state-like: a newer one of the same key replaces a queued one, as only the latest binding, schedule or
 * notification matters to a device that comes back.
 */
public final class CommandCatalog {

    /** Events whose ack carries a result beside {@code ack}: its fields are the command's result. */
    public static final Set<String> WITH_RESULT = Set.of("device_status", "face_data_count");

    private static final Map<String, String> REPLACE_KEYS = Map.ofEntries(
        Map.entry("media_notifications", "media"), Map.entry("media_stop", "media"),
        Map.entry("text_notifications", "text"), Map.entry("text_stop", "text"),
        Map.entry("bind_class", "class"), Map.entry("unbind_class", "class"),
        Map.entry("bind_school", "school"), Map.entry("unbind_school", "school"),
        Map.entry("update_power_schedule", "power_schedule"),
        Map.entry("enable_remote_cmd", "remote_cmd"), Map.entry("disable_remote_cmd", "remote_cmd"),
        Map.entry("memos_unread", "memos_unread"));

    /** Every acked server event of the seed. */
    public static final Set<String> EVENTS = Set.of("media_notifications", "text_notifications", "media_stop", "text_stop",
        "bind_class", "unbind_class", "bind_school", "unbind_school", "update_power_schedule", "restart_device", "device_status",
        "upgrade_watcher", "memos_unread", "purge_face_data", "face_data_count", "app_log_upload", "system_log_upload",
        "enable_remote_cmd", "disable_remote_cmd");

    private CommandCatalog() {
    }

    /** The key under which a queued command of this event is replaced by a newer one; null when every one counts. */
    public static String replaceKeyOf(String event) {
        return REPLACE_KEYS.get(event);
    }
}
