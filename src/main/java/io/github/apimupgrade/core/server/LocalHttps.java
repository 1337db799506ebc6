package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimException;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * HTTPS to the server this plugin started on this host. WSO2 packs serve a self-signed certificate
 * (wso2carbon.jks), so besides the JDK's trusted authorities, a self-signed certificate is accepted
 * here, and only from {@code host}; no other connection of the JVM is affected.
 */
public final class LocalHttps {
    private static final int CONNECT_MILLIS = 5_000;
    private static final int READ_MILLIS = 60_000;
    private final String host;
    private final SSLContext ssl;

    public record Response(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public LocalHttps(String host) {
        this.host = host;
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            X509TrustManager jdk = null;
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    jdk = x;
                }
            }
            ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new SelfSignedForHost(jdk, host)}, null);
        } catch (GeneralSecurityException e) {
            throw new ApimException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    public String host() {
        return host;
    }

    public Response get(String url, Map<String, String> headers) throws IOException {
        return send("GET", url, headers, null, null);
    }

    public Response post(String url, Map<String, String> headers, String contentType, String body) throws IOException {
        return send("POST", url, headers, contentType, body);
    }

    private Response send(String method, String url, Map<String, String> headers, String contentType, String body) throws IOException {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) || !host.equalsIgnoreCase(uri.getHost())) {
            throw new IllegalArgumentException("not an https URL of " + host + ": " + url);
        }
        HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
        try {
            c.setSSLSocketFactory(ssl.getSocketFactory());
            c.setHostnameVerifier((name, session) -> host.equalsIgnoreCase(name));
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(CONNECT_MILLIS);
            c.setReadTimeout(READ_MILLIS);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, text);
        } finally {
            c.disconnect();
        }
    }

    /** The JDK's trust, plus a self-signed server certificate when the peer is {@code host}. */
    private static final class SelfSignedForHost extends X509ExtendedTrustManager {
        private final X509TrustManager jdk;
        private final String host;

        SelfSignedForHost(X509TrustManager jdk, String host) {
            this.jdk = jdk;
            this.host = host;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            String peer = socket instanceof SSLSocket s && s.getHandshakeSession() != null ? s.getHandshakeSession().getPeerHost() : null;
            check(chain, authType, peer);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain, authType, engine == null ? null : engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain, authType, null);
        }

        private void check(X509Certificate[] chain, String authType, String peer) throws CertificateException {
            try {
                if (jdk == null) {
                    throw new CertificateException("no trusted authorities");
                }
                jdk.checkServerTrusted(chain, authType);
            } catch (CertificateException untrusted) {
                if (peer == null || !host.equalsIgnoreCase(peer) || chain.length != 1 || !selfSigned(chain[0])) {
                    throw untrusted;
                }
                chain[0].checkValidity();
            }
        }

        private static boolean selfSigned(X509Certificate cert) {
            try {
                cert.verify(cert.getPublicKey());
                return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal());
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk == null ? new X509Certificate[0] : jdk.getAcceptedIssuers();
        }
    }
}
