package dev.lanyard.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** An HTTP client with its own cookie jar that does not follow redirects, so tests see every hop. */
public final class Browser {

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new LoopbackIsSecure(cookies))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Reply get(URI uri, String... headers) {
        return send("GET", uri, null, null, headers);
    }

    public Reply postJson(URI uri, String json, String... headers) {
        return send("POST", uri, "application/json", json, headers);
    }

    public Reply postForm(URI uri, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", uri, "application/x-www-form-urlencoded", body, headers);
    }

    /** Any method; {@code headers} are name, value pairs. A null content type sends no Content-Type header. */
    public Reply send(String method, URI uri, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CookieManager cookies() {
        return cookies;
    }

    /** The value of the named cookie in this browser's jar, if it holds one. */
    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Browsers treat loopback origins as secure contexts and send {@code Secure} cookies to them over plain
     * HTTP, as Keycloak expects; Java's cookie manager does not, so it is asked as if the request were HTTPS.
     */
    private static final class LoopbackIsSecure extends CookieHandler {

        private final CookieManager delegate;

        LoopbackIsSecure(CookieManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            boolean loopback = "http".equals(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
            return delegate.get(loopback ? URI.create("https" + uri.toString().substring(4)) : uri, headers);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) throws IOException {
            delegate.put(uri, headers);
        }
    }
}
