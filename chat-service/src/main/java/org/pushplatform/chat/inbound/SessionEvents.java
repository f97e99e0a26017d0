package org.pushplatform.chat.inbound;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.chat.inbox.InboxCategory;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.chat.uploads.QiniuUploadTokens;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * The seed's smaller events: {@code upload token} (a Qiniu token and the seed's key), {@code shake shake} (to a
 * contact's devices), and {@code remove session}, {@code voice as read} and {@code operate}, synced to the account's
 * other devices.
 */
@ApplicationScoped
public class SessionEvents {

    static final String UPLOADS_OFF = "uploads are not configured on this server";
    private static final int MAX_ID = 64;
    private static final int MAX_OPERATION_CHARS = 4096;

    private final AccountStore accounts;
    private final QiniuUploadTokens uploads;
    private final long uploadTtlSeconds;
    private final Clock clock = Clock.systemUTC();

    public SessionEvents(AccountStore accounts, ChatConfig config) {
        this.accounts = accounts;
        ChatConfig.Qiniu qiniu = config.chat().qiniu();
        this.uploads = qiniu.accessKey().isPresent() && qiniu.secretKey().isPresent() && qiniu.bucket().isPresent()
            ? new QiniuUploadTokens(qiniu.accessKey().get(), qiniu.secretKey().get(), qiniu.bucket().get()) : null;
        this.uploadTtlSeconds = qiniu.tokenTtl().toSeconds();
    }

    public Uni<List<DeliveryRecord>> uploadToken(ChatFrame frame, ConnectionStore.Authenticated by) {
        if (uploads == null) {
            return answer(ChatReplies.error(frame, UPLOADS_OFF));
        }
        String key = QiniuUploadTokens.keyFor(by.accountId(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), UUID.randomUUID().toString());
        String token = uploads.token(key, clock.instant().getEpochSecond() + uploadTtlSeconds);
        return answer(ChatReplies.result(frame, JsonNodeFactory.instance.objectNode().put("token", token).put("key", key)));
    }

    public Uni<List<DeliveryRecord>> shake(ChatFrame frame, ConnectionStore.Authenticated by) {
        String to = text(frame.payload(), "aid");
        if (!ChatApi.isId(to)) {
            return answer(ChatReplies.error(frame, "shake shake needs {aid: <account id>}"));
        }
        return accounts.areContacts(by.app(), by.accountId(), to).map(contacts -> contacts
            ? List.of(ChatReplies.result(frame, IntNode.valueOf(1)), ChatReplies.toAccount(by.app(), to, "shake shake",
                JsonNodeFactory.instance.objectNode().put("aid", by.accountId())))
            : List.of(ChatReplies.error(frame, DirectMessages.NOT_MY_CONTACT)));
    }

    public Uni<List<DeliveryRecord>> removeSession(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode type = frame.payload() == null ? null : frame.payload().path("type");
        String id = text(frame.payload(), "id");
        if (type == null || !type.canConvertToInt() || !InboxCategory.isSessionType(type.asInt()) || id == null || id.length() > MAX_ID) {
            return answer(ChatReplies.error(frame, "remove session needs {type: 1-7 or 100, id}"));
        }
        var removed = JsonNodeFactory.instance.objectNode().put("id", id).put("type", type.asInt());
        return answer(ChatReplies.result(frame, IntNode.valueOf(1)),
            ChatReplies.toOtherDevices(frame, by.accountId(), "session removed", removed));
    }

    public Uni<List<DeliveryRecord>> voiceAsRead(ChatFrame frame, ConnectionStore.Authenticated by) {
        String messageId = text(frame.payload(), "messageId");
        if (messageId == null || messageId.length() > MAX_ID) {
            return answer(ChatReplies.error(frame, "voice as read needs {messageId}"));
        }
        return answer(ChatReplies.result(frame, IntNode.valueOf(1)), ChatReplies.toOtherDevices(frame, by.accountId(), "voice as read",
            JsonNodeFactory.instance.objectNode().put("messageId", messageId)));
    }

    /** {@code operate {...}} (web only): a session operation, answered 1 and synced as it is to the account's other devices. */
    public Uni<List<DeliveryRecord>> operate(ChatFrame frame, ConnectionStore.Authenticated by) {
        JsonNode payload = frame.payload();
        if (payload == null || !payload.isObject() || payload.toString().length() > MAX_OPERATION_CHARS) {
            return answer(ChatReplies.error(frame, "operate needs an object of at most " + MAX_OPERATION_CHARS + " characters"));
        }
        return answer(ChatReplies.result(frame, IntNode.valueOf(1)), ChatReplies.toOtherDevices(frame, by.accountId(), ChatApi.OPERATE, payload));
    }

    private static Uni<List<DeliveryRecord>> answer(DeliveryRecord... records) {
        return Uni.createFrom().item(List.of(records));
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload == null ? null : payload.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
