package dev.lanyard.keycloak.console;

import dev.lanyard.keycloak.branding.Branding;
import dev.lanyard.keycloak.flow.ConfigValues;
import dev.lanyard.keycloak.magiclink.MagicLinkSettings;
import dev.lanyard.keycloak.oauth.EmailCodeSettings;
import dev.lanyard.keycloak.passkeys.PasskeySettings;
import dev.lanyard.keycloak.pin.PinSettings;
import dev.lanyard.keycloak.publicauth.RegistrationService;
import dev.lanyard.keycloak.realm.Capabilities;
import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import dev.lanyard.keycloak.secrets.RequestLimits;
import dev.lanyard.keycloak.signin.PasskeySignIn;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.lanyard.keycloak.console.AttributeField.number;
import static dev.lanyard.keycloak.console.AttributeField.onByDefault;
import static dev.lanyard.keycloak.console.AttributeField.text;
import static dev.lanyard.keycloak.console.AttributeField.toggle;

/**
 * Realm settings → Lanyard: the realm-wide magic link, PIN, passkey, mailed code, registration and branding settings. Saving copies them into
 * the realm attributes the routes read (a blank field removes its attribute, so the default applies again).
 */
public final class RealmSettingsTab extends StatelessConsoleForm implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    public static final String ID = "Lanyard";

    /** Whether Lanyard serves the realm, and each capability's own switch, at the top of the tab. */
    private static Stream<AttributeField> switches() {
        return Stream.concat(Stream.of(toggle("enabled", Capabilities.ENABLED, "true")), Capabilities.ALL.stream()
                .map(capability -> onByDefault(capabilityField(capability), Capabilities.switchOf(capability))));
    }

    private static final AttributeForm FORM = new AttributeForm(Stream.concat(switches(), Stream.of(
            number("magicLinkTtlSeconds", MagicLinkSettings.TTL_SECONDS, MagicLinkSettings.DEFAULTS.ttlSeconds()),
            number("magicLinkMaxPerEmail", MagicLinkSettings.MAX_PER_EMAIL, MagicLinkSettings.DEFAULTS.maxPerEmail()),
            number("magicLinkMaxPerIp", MagicLinkSettings.MAX_PER_IP, MagicLinkSettings.DEFAULTS.maxPerIp()),
            number("magicLinkWindowSeconds", MagicLinkSettings.WINDOW_SECONDS, MagicLinkSettings.DEFAULTS.windowSeconds()),
            number("pinMinLength", PinSettings.MIN_LENGTH, PinSettings.DEFAULTS.minLength()),
            number("pinMaxLength", PinSettings.MAX_LENGTH, PinSettings.DEFAULTS.maxLength()),
            number("pinTokenTtlSeconds", PinSettings.TOKEN_TTL_SECONDS, PinSettings.DEFAULTS.tokenTtlSeconds()),
            number("pinMaxAttempts", PinSettings.MAX_ATTEMPTS, PinSettings.DEFAULTS.maxAttempts()),
            number("passkeysReauthenticationSeconds", PasskeySettings.REAUTHENTICATION_SECONDS, PasskeySettings.DEFAULT_REAUTHENTICATION_SECONDS),
            number("passkeysMaxPerIp", PasskeySettings.PREFIX + RequestLimits.MAX_PER_IP, RequestLimits.DEFAULTS.maxPerIp()),
            number("passkeysWindowSeconds", PasskeySettings.PREFIX + RequestLimits.WINDOW_SECONDS, RequestLimits.DEFAULTS.windowSeconds()),
            toggle("passkeysRequirePin", PasskeySignIn.REQUIRE_PIN, "true"),
            number("emailCodeLifespanSeconds", EmailCodeSettings.LIFESPAN_SECONDS, EmailCodeSettings.DEFAULT_LIFESPAN_SECONDS),
            number("emailCodeMaxPerEmail", EmailCodeSettings.PREFIX + RequestLimits.MAX_PER_EMAIL, RequestLimits.DEFAULTS.maxPerEmail()),
            number("emailCodeMaxPerIp", EmailCodeSettings.PREFIX + RequestLimits.MAX_PER_IP, RequestLimits.DEFAULTS.maxPerIp()),
            number("emailCodeWindowSeconds", EmailCodeSettings.PREFIX + RequestLimits.WINDOW_SECONDS, RequestLimits.DEFAULTS.windowSeconds()),
            text("registerSelfServiceRoles", RegistrationService.SELF_SERVICE_ROLES),
            number("registerMaxPerEmail", RegistrationService.LIMITS + RequestLimits.MAX_PER_EMAIL, RequestLimits.DEFAULTS.maxPerEmail()),
            number("registerMaxPerIp", RegistrationService.LIMITS + RequestLimits.MAX_PER_IP, RequestLimits.DEFAULTS.maxPerIp()),
            number("registerWindowSeconds", RegistrationService.LIMITS + RequestLimits.WINDOW_SECONDS, RequestLimits.DEFAULTS.windowSeconds()),
            brand("brandProductName", Branding.PRODUCT_NAME),
            brand("brandLogoUrl", Branding.LOGO_URL),
            brand("brandPrimaryColor", Branding.PRIMARY_COLOR)))
            .toList());

    /** A branding field, which shows the server's own value (its environment variable) where the realm sets none. */
    private static AttributeField brand(String name, String attribute) {
        return text(name, attribute, Branding.serverDefault(attribute).orElse(null));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "lanyardConsoleRealmHelp";
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab?";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", "lanyard");
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return FORM.properties();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel form)
            throws ComponentValidationException {
        if (ConsoleMirror.isMirroring(session)) {
            return;
        }
        if (tabs(realm).anyMatch(tab -> !tab.getId().equals(form.getId()))) {
            throw new ComponentValidationException("The realm's Lanyard tab is saved already: open it and save it again");
        }
        FORM.keepUnchanged(form, form.getId() == null ? null : realm.getComponent(form.getId()), realm::getAttribute);
        FORM.validate(form);
        if (Boolean.parseBoolean(form.get("enabled"))) {
            Capabilities.refusalToEnable(realm.getName()).ifPresent(refusal -> {
                throw new ComponentValidationException(refusal);
            });
        }
        if (ConfigValues.positiveInt(form.get("pinMaxLength"), PinSettings.DEFAULTS.maxLength())
                < ConfigValues.positiveInt(form.get("pinMinLength"), PinSettings.DEFAULTS.minLength())) {
            throw new ComponentValidationException("PIN maximum length must not be below the minimum length");
        }
        for (AttributeField field : FORM.fields()) {
            Optional<String> problem = field.attributeValue(form.get(field.name()))
                    .flatMap(value -> Branding.problem(field.attribute(), value));
            if (problem.isPresent()) {
                throw new ComponentValidationException(problem.get());
            }
        }
        for (String name : RegistrationService.selfServiceRoles(form.get("registerSelfServiceRoles"))) {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                throw new ComponentValidationException("Self-service role '" + name + "' is not a realm role");
            }
            if (RegistrationService.grantsRealmManagement(realm, role)) {
                throw new ComponentValidationException("Self-service role '" + name
                        + "' is or holds a role of the realm-management client: it would hand out admin rights");
            }
        }
    }

    /** A form field's name has no dots or dashes: {@code magic-link} → {@code capabilityMagicLink}. */
    private static String capabilityField(String capability) {
        StringBuilder name = new StringBuilder("capability");
        for (String word : capability.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel form) {
        save(session, realm, form);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel previous, ComponentModel form) {
        save(session, realm, form);
    }

    /** Makes the realm's tab show its attributes (where the realm has any, or the tab was saved before). */
    static void show(KeycloakSession session, RealmModel realm) {
        ConsoleMirror.keep(session, realm, tabs(realm).toList(), FORM, realm::getAttribute,
                () -> ConsoleMirror.component(realm, UiTabProvider.class, ID, ID));
    }

    private static Stream<ComponentModel> tabs(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName()).filter(tab -> ID.equals(tab.getProviderId()));
    }

    /** Copies the form into the realm's attributes; turning Lanyard on also brings Lanyard's client policy. */
    private static void save(KeycloakSession session, RealmModel realm, ComponentModel form) {
        if (ConsoleMirror.isMirroring(session)) {
            return;
        }
        FORM.copy(form, realm::getAttribute, realm::setAttribute, realm::removeAttribute);
        if (Capabilities.of(realm).realmEnabled()) {
            LanyardClientPolicy.install(session, realm);
        }
    }
}
