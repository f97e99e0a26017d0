package org.pushplatform.gateway.node;

import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How every client socket of the node's Netty listeners starts: admitted, or closed at once while the node drains
 * ({@link ClientChannels}), then TLS when its listener has {@code tls} on ({@link ServerTls}), before any protocol.
 */
@ApplicationScoped
public class ClientSocketStart {

    private final ClientChannels channels;
    private final ServerTls tls;

    public ClientSocketStart(ClientChannels channels, ServerTls tls) {
        this.channels = channels;
        this.tls = tls;
    }

    /** Adds the first handlers of a new client socket's pipeline. */
    public void prepare(ChannelPipeline pipeline, boolean withTls) {
        pipeline.addLast("admission", channels.admission());
        if (withTls) {
            pipeline.addLast("tls", tls.newHandler(pipeline.channel()));
        }
    }

    /** Fails a listener's start when it asks for TLS and no certificate is configured. */
    public void check(String listener, boolean withTls) {
        if (withTls) {
            tls.requireCertificate(listener);
        }
    }
}
