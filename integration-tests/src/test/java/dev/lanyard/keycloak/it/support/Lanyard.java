package dev.lanyard.keycloak.it.support;

import com.icegreen.greenmail.util.GreenMail;

import java.net.URI;

/** What a test talks to: the running Keycloak (with Lanyard), its admin API, and the captured mail. */
public final class Lanyard {

    public static final String DEMO_REALM = "lanyard-demo";

    private final URI baseUri;
    private final GreenMail mail;
    private final AdminApi admin;

    Lanyard(URI baseUri, GreenMail mail) {
        this.baseUri = baseUri;
        this.mail = mail;
        this.admin = new AdminApi(baseUri);
    }

    public URI baseUri() {
        return baseUri;
    }

    /** {@code /realms/{realm}} + path. */
    public URI realm(String realm, String path) {
        return baseUri.resolve("/realms/" + realm + path);
    }

    /** The demo realm's Lanyard API: {@code /realms/lanyard-demo/api} + path. */
    public URI api(String path) {
        return realm(DEMO_REALM, "/api" + path);
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
}
