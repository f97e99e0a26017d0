package org.pushplatform.gateway.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Set;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.transport.NamespaceClient;
import org.junit.jupiter.api.Test;

class EndedSessionsTest {

    private final EndedSessions sessions = new EndedSessions();
    private final Namespace namespace = mock(Namespace.class);

    @Test
    void aConnectOfASessionThatDisconnectedIsEndedAtOnce() {
        ClientHead session = mock(ClientHead.class);
        NamespaceClient first = client(session);
        sessions.ended(first);

        // when the library connects the same session again (a poll racing the disconnect packet)
        NamespaceClient again = client(session);

        assertThat(sessions.endedAlready(again)).isTrue();
        verify(again).onDisconnect();
    }

    @Test
    void aConnectOfAnotherSessionIsLeftAlone() {
        sessions.ended(client(mock(ClientHead.class)));
        NamespaceClient other = client(mock(ClientHead.class));

        assertThat(sessions.endedAlready(other)).isFalse();
        verify(other, never()).onDisconnect();
    }

    @Test
    void aConnectThatSlippedInBeforeTheDisconnectWasToldIsEndedByIt() {
        ClientHead session = mock(ClientHead.class);
        NamespaceClient first = client(session);
        NamespaceClient late = client(session);
        // the library holds the late connect as the session's namespace client when the first one's disconnect is told
        when(session.getNamespaces()).thenReturn(Set.of(namespace));
        when(session.getChildClient(namespace)).thenReturn(late);

        sessions.ended(first);

        verify(late).onDisconnect();
        verify(first, never()).onDisconnect();
    }

    private NamespaceClient client(ClientHead session) {
        NamespaceClient client = mock(NamespaceClient.class);
        when(client.getBaseClient()).thenReturn(session);
        return client;
    }
}
