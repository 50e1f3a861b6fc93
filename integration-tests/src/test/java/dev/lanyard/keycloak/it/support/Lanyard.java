package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What a test talks to: the running Keycloak (with Lanyard), its admin API, and the captured mail. */
public final class Lanyard {

    public static final String DEMO_REALM = "lanyard-demo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final URI managementUri;
    private final GreenMail mail;
    private final AdminApi admin;

    Lanyard(URI baseUri, URI managementUri, GreenMail mail) {
        this.baseUri = baseUri;
        this.managementUri = managementUri;
        this.mail = mail;
        this.admin = new AdminApi(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Keycloak's own origin ({@code scheme://host:port}): the Origin a trusted page of the server sends. */
    public String origin() {
        return baseUri.getScheme() + "://" + baseUri.getAuthority();
    }

    /** The same mail catcher, talking to another Keycloak (a node of a cluster). */
    public Lanyard at(URI otherBaseUri) {
        return new Lanyard(otherBaseUri, null, mail);
    }

    /** Keycloak's metrics in Prometheus text, from its management interface; empty where it cannot be reached. */
    public Optional<String> metrics() {
        return Optional.ofNullable(managementUri).map(uri -> new Browser().get(uri.resolve("/metrics")).body());
    }

    /** {@code /realms/{realm}} + path. */
    public URI realm(String realm, String path) {
        return baseUri.resolve("/realms/" + realm + path);
    }

    /** The demo realm's Lanyard API: {@code /realms/lanyard-demo/api} + path. */
    public URI api(String path) {
        return realm(DEMO_REALM, "/api" + path);
    }

    /**
     * A new realm for one test class, with GreenMail as its SMTP server, events and brute-force detection
     * on, and {@code extraFields} (JSON members, comma-led) on top. Returns its name.
     */
    public String newRealm(String prefix, String extraFields) {
        return newRealm(prefix, extraFields, true);
    }

    /**
     * As {@link #newRealm(String, String)}, with Lanyard turned on ({@code lanyard.enabled}) unless
     * {@code lanyardEnabled} is false or {@code extraFields} set the attribute themselves.
     */
    public String newRealm(String prefix, String extraFields, boolean lanyardEnabled) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode realm;
        try {
            realm = (ObjectNode) JSON.readTree("""
                    {"realm": "%s", "enabled": true, "registrationAllowed": true, "loginWithEmailAllowed": true, "eventsEnabled": true,
                     "bruteForceProtected": true, "quickLoginCheckMilliSeconds": 1, "passwordPolicy": "length(8)",
                     "smtpServer": {"host": "127.0.0.1", "port": "%d", "from": "no-reply@lanyard.localhost"}%s}
                    """.formatted(name, mail.getSmtp().getPort(), extraFields));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a realm: " + extraFields, e);
        }
        ObjectNode attributes = realm.has("attributes") ? (ObjectNode) realm.get("attributes") : realm.putObject("attributes");
        if (lanyardEnabled && !attributes.has("lanyard.enabled")) {
            attributes.put("lanyard.enabled", "true");
        }
        admin.createRealm(realm.toString());
        return name;
    }

    /** A new client with an empty cookie jar, like a fresh browser. */
    public Browser browser() {
        return new Browser();
    }

    public AdminApi admin() {
        return admin;
    }

    public GreenMail mail() {
        return mail;
    }

    /** The newest mail GreenMail received for {@code address}, waiting up to ten seconds for one to arrive. */
    public MimeMessage awaitMail(String address) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] received = mail.getReceivedMessagesForDomain(address);
            if (received.length > 0) {
                return received[received.length - 1];
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No mail arrived for " + address);
    }

    /** The plain-text part of a mail, decoded. */
    public static String mailText(MimeMessage message) throws MessagingException, IOException {
        return mailPart(message, "text/plain");
    }

    /** The part of type {@code mimeType} (text/plain, text/html) of a mail, decoded. */
    public static String mailPart(MimeMessage message, String mimeType) throws MessagingException, IOException {
        return findPart(message, mimeType).orElseThrow(() -> new AssertionError("The mail has no " + mimeType + " part"));
    }

    private static Optional<String> findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return Optional.of((String) part.getContent());
        }
        if (part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                Optional<String> found = findPart(parts.getBodyPart(i), mimeType);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
