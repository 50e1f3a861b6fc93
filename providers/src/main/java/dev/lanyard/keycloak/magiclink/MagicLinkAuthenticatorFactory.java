package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.flow.StatelessAuthenticatorFactory;
import dev.lanyard.keycloak.signin.SignInMethod;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** "Lanyard magic link": the browser-flow step, with its TTL and rate limits set in the admin console. */
public final class MagicLinkAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String ID = SignInMethod.MAGIC_LINK_STEP;

    public MagicLinkAuthenticatorFactory() {
        super(new MagicLinkAuthenticator());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Lanyard magic link";
    }

    @Override
    public String getHelpText() {
        return "Email me a sign-in link: mails a single-use link that completes this login.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        MagicLinkSettings defaults = MagicLinkSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(MagicLinkSettings.TTL_SECONDS).label("Link lifetime (seconds)")
                .helpText("How long a mailed link can be used.").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(defaults.ttlSeconds())).add()
                .property().name(MagicLinkSettings.MAX_PER_EMAIL).label("Links per email, client IP and window")
                .helpText("Requests allowed for one email address from one client IP in each window; from all IPs, four times as many.").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(defaults.maxPerEmail())).add()
                .property().name(MagicLinkSettings.MAX_PER_IP).label("Links per client IP and window")
                .helpText("Requests allowed from one client IP address in each window.").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(defaults.maxPerIp())).add()
                .property().name(MagicLinkSettings.WINDOW_SECONDS).label("Rate-limit window (seconds)")
                .helpText("Length of the window the limits count in.").type(ProviderConfigProperty.STRING_TYPE)
                .defaultValue(Integer.toString(defaults.windowSeconds())).add()
                .build();
    }
}
