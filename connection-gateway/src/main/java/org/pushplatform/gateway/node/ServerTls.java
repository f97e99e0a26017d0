package org.pushplatform.gateway.node;

import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The certificate of this node's TLS listeners (Socket.IO, push-server TCP, MQTT 8883), from Quarkus's TLS registry's
 * default configuration ({@code quarkus.tls.*}: PEM files, a PKCS12 or JKS key store), which also serves the HTTP
 * port's HTTPS. When the registry reloads it (files changed, checked every {@code quarkus.tls.reload-period}), new
 * connections get the new certificate; open ones keep the session they have.
 */
@ApplicationScoped
public class ServerTls {

    private static final Logger LOG = Logger.getLogger(ServerTls.class);
    /** The registry's name of its default configuration ({@code quarkus.tls.*} without a name). */
    private static final String DEFAULT_CONFIGURATION = "<default>";

    private final TlsConfigurationRegistry registry;
    private final AtomicReference<SslContext> context = new AtomicReference<>();

    public ServerTls(TlsConfigurationRegistry registry) {
        this.registry = registry;
    }

    /**
     * A handler that speaks TLS with the current certificate, for a new connection of a listener whose {@code tls} is on.
     *
     * @throws IllegalStateException when no certificate is configured: a listener must not fall back to plain text
     */
    public ChannelHandler newHandler(Channel channel) {
        SslContext current = context.get();
        if (current == null) {
            current = context.updateAndGet(existing -> existing != null ? existing : build(configuration()));
        }
        return current.newHandler(channel.alloc());
    }

    /** Fails the start of a listener that asks for TLS when there is no certificate to serve. */
    public void requireCertificate(String listener) {
        configuration();
        LOG.debugf("%s serves TLS", listener);
    }

    void reloaded(@Observes CertificateUpdatedEvent event) {
        if (DEFAULT_CONFIGURATION.equals(event.name())) {
            context.set(build(event.tlsConfiguration()));
            LOG.info("TLS certificate reloaded: new connections get the new one");
        }
    }

    private TlsConfiguration configuration() {
        return registry.getDefault().filter(tls -> tls.getKeyStore() != null).orElseThrow(() -> new IllegalStateException(
            "a listener has tls=true but no certificate is configured: set PUSH_TLS_CERT_FILE and PUSH_TLS_KEY_FILE (PEM), "
                + "or quarkus.tls.key-store.*"));
    }

    private static SslContext build(TlsConfiguration tls) {
        try {
            return new JdkSslContext(tls.createSSLContext(), false, ClientAuth.NONE);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a TLS context of the configured certificate: " + e.getMessage(), e);
        }
    }
}
