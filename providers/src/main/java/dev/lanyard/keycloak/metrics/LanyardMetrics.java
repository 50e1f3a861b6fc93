package dev.lanyard.keycloak.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Lanyard's meters on Keycloak's metrics endpoint ({@code --metrics-enabled=true}), named as Keycloak names its
 * own: counters with the realm as a tag (Prometheus shows {@code lanyard_magic_links_total{realm,outcome}} and so
 * on). Keycloak's own meters live in Micrometer's global registry, so do these; they count per node, as metrics do.
 */
public final class LanyardMetrics {

    private LanyardMetrics() {
    }

    /** {@code outcome}: requested, sent, consumed or refused. */
    static void magicLink(String realm, String outcome) {
        count("lanyard.magic.links", "Magic links by outcome", "realm", realm, "outcome", outcome);
    }

    static void mailFailed(String realm, String mail) {
        count("lanyard.mails.failed", "Mails that could not be sent", "realm", realm, "mail", mail);
    }

    static void pinFailure(String realm) {
        count("lanyard.pin.failures", "Wrong PINs", "realm", realm);
    }

    static void pinTokenVoided(String realm) {
        count("lanyard.pin.tokens.voided", "PIN tokens voided by their last wrong PIN", "realm", realm);
    }

    /** {@code decision}: approve or deny. */
    static void deviceDecision(String realm, String decision) {
        count("lanyard.device.decisions", "Device approvals and denials on the platform API", "realm", realm, "decision", decision);
    }

    /** {@code outcome}: registered, registration_refused, signed_in, sign_in_refused or removed. */
    static void passkey(String realm, String outcome) {
        count("lanyard.passkeys", "Passkeys registered, signed in with and removed through the API", "realm", realm, "outcome", outcome);
    }

    static void codeIssued(String realm, String route) {
        count("lanyard.headless.codes", "Authorization codes issued by API", "realm", realm, "route", route);
    }

    /** A permission record changed to {@code status} (pending, approved, denied, revoked, none). */
    public static void permissionChange(String realm, String status) {
        count("lanyard.permission.changes", "App permission changes by status", "realm", realm, "status", status);
    }

    private static void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(Metrics.globalRegistry).increment();
    }
}
