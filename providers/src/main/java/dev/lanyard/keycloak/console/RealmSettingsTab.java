package dev.lanyard.keycloak.console;

import dev.lanyard.keycloak.branding.Branding;
import dev.lanyard.keycloak.flow.ConfigValues;
import dev.lanyard.keycloak.magiclink.MagicLinkSettings;
import dev.lanyard.keycloak.publicauth.RegistrationService;
import dev.lanyard.keycloak.realm.Capabilities;
import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import dev.lanyard.keycloak.secrets.RequestLimits;
import dev.lanyard.keycloak.signin.PinSettings;
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
 * Realm settings → Lanyard: the realm-wide magic link, PIN, registration and branding settings. Saving copies them into
 * the realm attributes the routes read (a blank field removes its attribute, so the default applies again).
 */
public final class RealmSettingsTab extends StatelessConsoleForm implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    public static final String ID = "Lanyard";

    /** Whether Lanyard serves the realm, and each capability's own switch, at the top of the tab. */
    private static Stream<AttributeField> switches() {
        return Stream.concat(Stream.of(toggle("enabled", Capabilities.ENABLED, "true", "Lanyard enabled",
                    "Serve Lanyard's routes in this realm. Off (the default): every route but the API root answers 404; "
                            + "Lanyard's flow steps placed by an admin still work.")),
            Capabilities.ALL.stream().map(capability -> onByDefault(capabilityField(capability), Capabilities.switchOf(capability),
                    "Capability: " + capability, "Serve the '" + capability + "' routes while Lanyard is enabled.")));
    }

    private static final AttributeForm FORM = new AttributeForm(Stream.concat(switches(), Stream.of(
            number("magicLinkTtlSeconds", MagicLinkSettings.TTL_SECONDS, "Magic link lifetime (seconds)",
                    "How long a mailed sign-in link can be used.", MagicLinkSettings.DEFAULTS.ttlSeconds()),
            number("magicLinkMaxPerEmail", MagicLinkSettings.MAX_PER_EMAIL, "Magic links per email, client IP and window",
                    "Link requests allowed for one email address from one client IP in each window; from all IPs together, four times as many.", MagicLinkSettings.DEFAULTS.maxPerEmail()),
            number("magicLinkMaxPerIp", MagicLinkSettings.MAX_PER_IP, "Magic links per client IP and window",
                    "Link requests allowed from one client IP address in each window.", MagicLinkSettings.DEFAULTS.maxPerIp()),
            number("magicLinkWindowSeconds", MagicLinkSettings.WINDOW_SECONDS, "Magic link window (seconds)",
                    "Length of the window the link limits count in.", MagicLinkSettings.DEFAULTS.windowSeconds()),
            number("pinMinLength", PinSettings.MIN_LENGTH, "PIN minimum length",
                    "Fewest digits a new PIN may have.", PinSettings.DEFAULTS.minLength()),
            number("pinMaxLength", PinSettings.MAX_LENGTH, "PIN maximum length",
                    "Most digits a new PIN may have.", PinSettings.DEFAULTS.maxLength()),
            number("pinTokenTtlSeconds", PinSettings.TOKEN_TTL_SECONDS, "PIN token lifetime (seconds)",
                    "How long a pin_token from public/login stays usable.", PinSettings.DEFAULTS.tokenTtlSeconds()),
            number("pinMaxAttempts", PinSettings.MAX_ATTEMPTS, "Wrong PINs per sign-in",
                    "Wrong PINs that void a pin_token or a browser login.", PinSettings.DEFAULTS.maxAttempts()),
            text("registerSelfServiceRoles", RegistrationService.SELF_SERVICE_ROLES, "Self-service roles",
                    "Realm roles that public/register may grant (comma-separated); none when blank."),
            number("registerMaxPerEmail", RegistrationService.LIMITS + RequestLimits.MAX_PER_EMAIL, "Registrations per email, client IP and window",
                    "Registrations allowed for one email address from one client IP in each window; from all IPs together, four times as many.", RequestLimits.DEFAULTS.maxPerEmail()),
            number("registerMaxPerIp", RegistrationService.LIMITS + RequestLimits.MAX_PER_IP, "Registrations per client IP and window",
                    "Registrations allowed from one client IP address in each window.", RequestLimits.DEFAULTS.maxPerIp()),
            number("registerWindowSeconds", RegistrationService.LIMITS + RequestLimits.WINDOW_SECONDS, "Registration window (seconds)",
                    "Length of the window the registration limits count in.", RequestLimits.DEFAULTS.windowSeconds()),
            text("brandProductName", Branding.PRODUCT_NAME, "Product name",
                    "Shown above the realm's name on every login page; the server's LANYARD_PRODUCT_NAME (or Lanyard) when blank."),
            text("brandLogoUrl", Branding.LOGO_URL, "Logo URL",
                    "An https or data:image URL shown above the product name; the server's LANYARD_LOGO_URL (or none) when blank."),
            text("brandPrimaryColor", Branding.PRIMARY_COLOR, "Primary colour",
                    "Buttons, links and focus rings, e.g. #6a1b9a; the server's LANYARD_PRIMARY_COLOR (or keycloak.v2's blue) when blank.")))
            .toList());

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Lanyard's realm settings: whether Lanyard serves this realm and which capabilities, magic links, PINs, public registration and the login pages' branding.";
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

    /** Copies the form into the realm's attributes; turning Lanyard on also brings Lanyard's client policy. */
    private static void save(KeycloakSession session, RealmModel realm, ComponentModel form) {
        FORM.copy(form, realm::setAttribute, realm::removeAttribute);
        if (Capabilities.of(realm).realmEnabled()) {
            LanyardClientPolicy.install(session, realm);
        }
    }
}
