package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.flow.ConfigValues;
import dev.lanyard.keycloak.secrets.RequestLimits;
import org.keycloak.models.RealmModel;

/**
 * A realm's settings for the codes the authorization challenge mails (realm attributes): how long one works
 * ({@code lanyard.emailCode.lifespanSeconds}, 10 minutes) and how often one may be asked for, per address and IP as
 * magic links are ({@code lanyard.emailCode.maxPerEmail}, {@code .maxPerIp}, {@code .windowSeconds}).
 */
public record EmailCodeSettings(int lifespanSeconds, RequestLimits limits) {

    public static final String PREFIX = "lanyard.emailCode";
    public static final String LIFESPAN_SECONDS = PREFIX + ".lifespanSeconds";
    public static final int DEFAULT_LIFESPAN_SECONDS = 600;

    public static EmailCodeSettings of(RealmModel realm) {
        return new EmailCodeSettings(ConfigValues.positiveInt(realm.getAttribute(LIFESPAN_SECONDS), DEFAULT_LIFESPAN_SECONDS),
                RequestLimits.of(realm.getAttributes(), PREFIX));
    }

    /** The lifespan as the mail states it: whole minutes, rounded up. */
    int lifespanMinutes() {
        return (lifespanSeconds + 59) / 60;
    }
}
