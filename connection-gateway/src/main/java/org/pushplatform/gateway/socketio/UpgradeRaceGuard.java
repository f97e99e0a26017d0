package org.pushplatform.gateway.socketio;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Fixes the polling-to-websocket upgrade race (the bug of python-engineio #76/#161 and socketioxide #487).
 * On the websocket {@code 2probe} the library answers the polling side with exactly one NOOP. If that NOOP ends
 * a poll before the client has read {@code 3probe}, the client opens another poll and waits on it forever before
 * sending {@code 5}. So from {@code 2probe} until {@code 5} (or close) every polling GET of that session is
 * answered at once with a NOOP. A mark older than {@link #MARK_TTL_NANOS} is dropped, so that a client whose
 * probe failed goes back to ordinary long-polling instead of spinning.
 * Sits before the library's packet handler, where it sees both the HTTP polls and the decoded websocket frames.
 */
@ChannelHandler.Sharable
final class UpgradeRaceGuard extends ChannelInboundHandlerAdapter {

    static final long MARK_TTL_NANOS = 5_000_000_000L;
    private static final byte[] PROBE = "2probe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPGRADE = "5".getBytes(StandardCharsets.US_ASCII);

    private record Mark(ClientHead client, long since) {
    }

    private final Map<UUID, Mark> upgrading = new ConcurrentHashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage packets && packets.getTransport() == Transport.WEBSOCKET) {
            onWebsocketPacket(packets);
        } else if (msg instanceof FullHttpRequest request && request.method() == HttpMethod.GET) {
            onPoll(request);
        }
        super.channelRead(ctx, msg);
    }

    /** Called when a session ends, whatever ended it. */
    void forget(UUID sessionId) {
        upgrading.remove(sessionId);
    }

    boolean isUpgrading(UUID sessionId) {
        return upgrading.containsKey(sessionId);
    }

    private void onWebsocketPacket(PacketsMessage packets) {
        ByteBuf content = packets.getContent();
        ClientHead client = packets.getClient();
        if (contentEquals(content, PROBE)) {
            upgrading.put(client.getSessionId(), new Mark(client, System.nanoTime()));
        } else if (contentEquals(content, UPGRADE)) {
            upgrading.remove(client.getSessionId());
        }
    }

    private void onPoll(FullHttpRequest request) {
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        if (!"polling".equals(first(query, "transport")) || first(query, "sid") == null) {
            return;
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(first(query, "sid"));
        } catch (IllegalArgumentException e) {
            return;
        }
        Mark mark = upgrading.get(sessionId);
        if (mark == null) {
            return;
        }
        if (System.nanoTime() - mark.since() > MARK_TTL_NANOS) {
            upgrading.remove(sessionId, mark);
            return;
        }
        // queued before the library binds this poll, so the poll is answered as soon as it is bound
        mark.client().getPacketsQueue(Transport.POLLING).add(new Packet(PacketType.NOOP, mark.client().getEngineIOVersion()));
    }

    private static boolean contentEquals(ByteBuf content, byte[] expected) {
        if (content.readableBytes() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content.getByte(content.readerIndex() + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
