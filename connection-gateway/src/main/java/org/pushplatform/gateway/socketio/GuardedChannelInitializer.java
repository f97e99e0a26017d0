package org.pushplatform.gateway.socketio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import org.pushplatform.gateway.node.ClientSocketStart;

/**
 * The library's pipeline with our long-polling fixes ({@link UpgradeRaceGuard}, {@link PollReleaseGuard},
 * {@link LosslessPacketEncoder}), receipts that hold on both transports ({@link ReceiptingEncoderHandler}), and
 * {@link IdleHttpCloser} for abandoned HTTP connections. They read internals of netty-socketio 2.0.14, which is why its version is
 * pinned and the e2e reliability tests run hundreds of real client sessions.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    private final UpgradeRaceGuard upgradeRaceGuard = new UpgradeRaceGuard();
    private final PollReleaseGuard pollReleaseGuard = new PollReleaseGuard();
    private final IdleHttpCloser idleHttpCloser = new IdleHttpCloser();
    private final int idleHttpSeconds;
    private final InboundPacketGuard inboundPacketGuard;
    private final ClientSocketStart socketStart;
    private final boolean tls;
    private ReceiptingEncoderHandler encoderHandler;

    GuardedChannelInitializer(int idleHttpSeconds, ClientSocketStart socketStart, boolean tls, InboundPacketGuard inboundPacketGuard) {
        this.socketStart = socketStart;
        this.tls = tls;
        this.idleHttpSeconds = idleHttpSeconds;
        this.inboundPacketGuard = inboundPacketGuard;
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        try {
            encoderHandler = new ReceiptingEncoderHandler(configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our admission and TLS (reloadable, from Quarkus's TLS registry) in place of the library's own key store. */
    @Override
    protected void addSslHandler(ChannelPipeline pipeline) {
        socketStart.prepare(pipeline, tls);
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        pipeline.addBefore(HTTP_REQUEST_DECODER, "idleState", new IdleStateHandler(0, 0, idleHttpSeconds));
        pipeline.addBefore(HTTP_REQUEST_DECODER, "idleHttpCloser", idleHttpCloser);
        pipeline.addBefore(PACKET_HANDLER, "upgradeRaceGuard", upgradeRaceGuard);
        pipeline.addBefore(PACKET_HANDLER, "inboundPacketGuard", inboundPacketGuard);
        pipeline.addBefore(XHR_POLLING_TRANSPORT, "pollReleaseGuard", pollReleaseGuard);
        pipeline.replace(SOCKETIO_ENCODER, SOCKETIO_ENCODER, encoderHandler);
    }

    /** Where a packet queued on a session finds out that it was written to the client. */
    ReceiptingEncoderHandler receipts() {
        return encoderHandler;
    }

    void sessionClosed(UUID sessionId) {
        upgradeRaceGuard.forget(sessionId);
        inboundPacketGuard.forget(sessionId);
    }
}
