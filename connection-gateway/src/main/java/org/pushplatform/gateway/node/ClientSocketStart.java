package org.pushplatform.gateway.node;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How every client socket of the node's Netty listeners starts: admitted, or closed at once while the node drains
 * ({@link ClientChannels}), then TLS when its listener has {@code tls} on ({@link ServerTls}), before any protocol.
 */
@ApplicationScoped
public class ClientSocketStart {

    private static final String TLS = "tls";
    private static final ChannelHandler DECODED_PAST_TLS = new DecodedPastTls();

    private final ClientChannels channels;
    private final ServerTls tls;

    public ClientSocketStart(ClientChannels channels, ServerTls tls) {
        this.channels = channels;
        this.tls = tls;
    }

    /** Adds the first handlers of a new client socket's pipeline. */
    public void prepare(ChannelPipeline pipeline, boolean withTls) {
        if (withTls) {
            pipeline.addLast("decodedPastTls", DECODED_PAST_TLS);
        }
        pipeline.addLast("admission", channels.admission());
        if (withTls) {
            pipeline.addLast(TLS, tls.newHandler(pipeline.channel()));
        }
    }

    /**
     * netty-socketio fires the packets it decoded from a websocket frame at the pipeline's head and releases the frame
     * right after; the TLS handler, still decoding the record the frame came in, would hold them until it is done, by
     * then released (IllegalReferenceCountException). What is not bytes goes on past it at once.
     */
    @ChannelHandler.Sharable
    private static final class DecodedPastTls extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelHandlerContext tls = msg instanceof ByteBuf ? null : ctx.pipeline().context(TLS);
            if (tls == null) {
                ctx.fireChannelRead(msg);
            } else {
                tls.fireChannelRead(msg);
            }
        }
    }

    /** Fails a listener's start when it asks for TLS and no certificate is configured. */
    public void check(String listener, boolean withTls) {
        if (withTls) {
            tls.requireCertificate(listener);
        }
    }
}
