package org.pushplatform.gateway.socketio;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.corundumstudio.socketio.AckCallback;
import com.corundumstudio.socketio.protocol.AckArgs;
import com.corundumstudio.socketio.protocol.Event;
import com.corundumstudio.socketio.protocol.JsonSupport;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;

/** The library's JSON support, counting events nobody listens for (the library drops them silently). */
final class CountingJsonSupport implements JsonSupport {

    private final JsonSupport delegate;
    private final Set<String> knownEvents;
    private final Counter unknownEvents;

    CountingJsonSupport(JsonSupport delegate, Set<String> knownEvents, Counter unknownEvents) {
        this.delegate = delegate;
        this.knownEvents = knownEvents;
        this.unknownEvents = unknownEvents;
    }

    @Override
    public AckArgs readAckArgs(ByteBufInputStream src, AckCallback<?> callback) throws IOException {
        return delegate.readAckArgs(src, callback);
    }

    @Override
    public <T> T readValue(String namespaceName, ByteBufInputStream src, Class<T> valueType) throws IOException {
        T value = delegate.readValue(namespaceName, src, valueType);
        if (value instanceof Event event && !knownEvents.contains(event.getName())) {
            unknownEvents.increment();
        }
        return value;
    }

    @Override
    public void writeValue(ByteBufOutputStream out, Object value) throws IOException {
        delegate.writeValue(out, value);
    }

    @Override
    public void addEventMapping(String namespaceName, String eventName, Class<?>... eventClass) {
        delegate.addEventMapping(namespaceName, eventName, eventClass);
    }

    @Override
    public void removeEventMapping(String namespaceName, String eventName) {
        delegate.removeEventMapping(namespaceName, eventName);
    }

    @Override
    public List<byte[]> getArrays() {
        return delegate.getArrays();
    }
}
