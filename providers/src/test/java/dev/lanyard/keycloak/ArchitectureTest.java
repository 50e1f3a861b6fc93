package dev.lanyard.keycloak;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.lanyard.keycloak.internals.KeycloakBearerTokens;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.cookie.CookieProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.resource.RealmResourceProvider;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules over Lanyard's main classes (tests excluded) that keep the layering of ARCHITECTURE §1 and STYLE.
 *
 * <p>The rules read byte code, so a use of another class's compile-time constant ({@code static final String}),
 * which javac copies into the using class, is invisible to them (today {@code UserProfileErrors} reads
 * {@code Messages.EMAIL_EXISTS} of keycloak-services, from inside {@code internals}).
 *
 * <p>The rules run from {@code @ArchTest} methods: Surefire 3.5.3 (our version) silently skips {@code @ArchTest}
 * fields (SUREFIRE-2298, fixed in 3.5.4).
 */
@AnalyzeClasses(packages = "dev.lanyard.keycloak", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String LANYARD = "dev.lanyard.keycloak..";
    static final String INTERNALS = "dev.lanyard.keycloak.internals..";
    static final String ACCESS = "dev.lanyard.keycloak.access..";
    static final String HTTP = "dev.lanyard.keycloak.http..";
    /** The request headers' readers: cookies, credentials and the Origin are read through them. */
    static final Set<String> HEADER_READS = Set.of("getHeaderString", "getRequestHeader", "getRequestHeaders", "getCookies");

    /** A class read from the keycloak-services jar (Keycloak's internals, which change without notice). */
    static final DescribedPredicate<JavaClass> FROM_KEYCLOAK_SERVICES =
            DescribedPredicate.describe("come from the keycloak-services jar", javaClass -> javaClass.getSource()
                    .map(source -> source.getUri().toString().contains("keycloak-services"))
                    .orElse(false));

    static final ArchRule ONLY_INTERNALS_DEPEND_ON_KEYCLOAK_SERVICES = classes()
            .that().resideInAPackage(LANYARD)
            .and().resideOutsideOfPackage(INTERNALS)
            .should(notDependOnKeycloakServices())
            .because("calls into keycloak-services go through dev.lanyard.keycloak.internals only, so a Keycloak "
                    + "upgrade touches one package (ARCHITECTURE §1.4)");

    static final ArchRule SERVICES_DO_NOT_DEPEND_ON_RESOURCES = noClasses()
            .that().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource")
            .because("a capability reads top-down: XResource (HTTP) calls XService (rules), never the reverse");

    static final ArchRule ONLY_ACCESS_READS_WHO_IS_CALLING = noClasses()
            .that().resideInAPackage(LANYARD)
            .and().resideOutsideOfPackages(ACCESS, INTERNALS)
            .should().callMethodWhere(readsCookies())
            .orShould().dependOnClassesThat().haveFullyQualifiedName(KeycloakBearerTokens.class.getName())
            .orShould().callMethod(KeycloakSessions.class, "ofIdentityCookie", KeycloakSession.class)
            .because("the access layer alone answers who is calling: cookies, bearer tokens and SSO sessions are read there");

    static final ArchRule ONLY_ACCESS_AND_HTTP_READ_HEADERS = noClasses()
            .that().resideInAPackage(LANYARD)
            .and().resideOutsideOfPackages(ACCESS, HTTP, INTERNALS)
            .should().callMethodWhere(readsHeaders())
            .because("the Authorization and Origin headers are read by the access layer; bodies and content types by http");

    static final ArchRule SERVICES_DO_NOT_DEPEND_ON_ACCESS = noClasses()
            .that().haveSimpleNameEndingWith("Service")
            .should().dependOnClassesThat().resideInAPackage(ACCESS)
            .because("a resource asks the access layer who is calling and hands the service what it found");

    @ArchTest
    static void onlyAccessReadsWhoIsCalling(JavaClasses lanyard) {
        ONLY_ACCESS_READS_WHO_IS_CALLING.check(lanyard);
    }

    @ArchTest
    static void onlyAccessAndHttpReadHeaders(JavaClasses lanyard) {
        ONLY_ACCESS_AND_HTTP_READ_HEADERS.check(lanyard);
    }

    @ArchTest
    static void servicesDoNotDependOnAccess(JavaClasses lanyard) {
        SERVICES_DO_NOT_DEPEND_ON_ACCESS.check(lanyard);
    }

    static final String[] SHARED_LAYERS = {ACCESS, "dev.lanyard.keycloak.clients..", "dev.lanyard.keycloak.signin..", "dev.lanyard.keycloak.http..",
            "dev.lanyard.keycloak.secrets..", "dev.lanyard.keycloak.flow..", "dev.lanyard.keycloak.realm..", INTERNALS};
    static final String[] CAPABILITIES = {"dev.lanyard.keycloak.publicauth..", "dev.lanyard.keycloak.magiclink..",
            "dev.lanyard.keycloak.pin..", "dev.lanyard.keycloak.passkeys..", "dev.lanyard.keycloak.oauth..", "dev.lanyard.keycloak.social..",
            "dev.lanyard.keycloak.platform..", "dev.lanyard.keycloak.permissions..", "dev.lanyard.keycloak.admin.."};

    static final ArchRule NO_CAPABILITY_DEPENDS_ON_ANOTHER = classes()
            .that().resideInAnyPackage(CAPABILITIES)
            .should(notDependOnAnotherCapability())
            .because("a capability shares through the layers, never by importing another capability; api and console, "
                    + "which assemble the capabilities, are not capabilities");

    static final ArchRule SHARED_LAYERS_DO_NOT_DEPEND_ON_CAPABILITIES = noClasses()
            .that().resideInAnyPackage(SHARED_LAYERS)
            .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
            .because("a layer serves every capability; what it needs of one (the PIN as the sign-in's second step) "
                    + "it asks through an interface of its own, which the capability provides");

    @ArchTest
    static void noCapabilityDependsOnAnother(JavaClasses lanyard) {
        NO_CAPABILITY_DEPENDS_ON_ANOTHER.check(lanyard);
    }

    @ArchTest
    static void onlyInternalsDependOnKeycloakServices(JavaClasses lanyard) {
        ONLY_INTERNALS_DEPEND_ON_KEYCLOAK_SERVICES.check(lanyard);
    }

    @ArchTest
    static void servicesDoNotDependOnResources(JavaClasses lanyard) {
        SERVICES_DO_NOT_DEPEND_ON_RESOURCES.check(lanyard);
    }

    @ArchTest
    static void sharedLayersDoNotDependOnCapabilities(JavaClasses lanyard) {
        SHARED_LAYERS_DO_NOT_DEPEND_ON_CAPABILITIES.check(lanyard);
    }

    /**
     * Guards rule 1 against passing silently: the jar test works, and every dependency was found on the class
     * path (an unresolved class has no jar to tell).
     */
    @ArchTest
    static void everyDependencyIsResolvedToTheJarItComesFrom(JavaClasses lanyard) {
        ClassFileImporter importer = new ClassFileImporter();
        assertTrue(FROM_KEYCLOAK_SERVICES.test(importer.importClass(AuthenticationManager.class)));
        assertFalse(FROM_KEYCLOAK_SERVICES.test(importer.importClass(KeycloakSession.class)));
        assertFalse(FROM_KEYCLOAK_SERVICES.test(importer.importClass(RealmResourceProvider.class)));

        SortedSet<String> unresolved = new TreeSet<>();
        for (JavaClass origin : lanyard) {
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                if (!target.isPrimitive() && target.getSource().isEmpty()) {
                    unresolved.add(target.getName());
                }
            }
        }
        assertTrue(unresolved.isEmpty(), "Dependencies not found on the test class path: " + unresolved);
    }

    /** A read of the request's cookies: through JAX-RS's headers or Keycloak's cookie provider. */
    private static DescribedPredicate<JavaMethodCall> readsCookies() {
        return DescribedPredicate.describe("reads the request's cookies", call ->
                call.getTarget().getName().equals("getCookies") && call.getTargetOwner().isAssignableTo(HttpHeaders.class)
                        || call.getTarget().getName().equals("get") && call.getTargetOwner().isAssignableTo(CookieProvider.class));
    }

    /** A read of a request header through JAX-RS's headers. */
    private static DescribedPredicate<JavaMethodCall> readsHeaders() {
        return DescribedPredicate.describe("reads request headers", call ->
                HEADER_READS.contains(call.getTarget().getName()) && call.getTargetOwner().isAssignableTo(HttpHeaders.class));
    }

    /** One violation per class, naming every class of another capability it uses. */
    private static ArchCondition<JavaClass> notDependOnAnotherCapability() {
        return new ArchCondition<>("not depend on classes of another capability") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = capabilityOf(origin.getPackageName());
                SortedSet<String> used = new TreeSet<>();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = capabilityOf(dependency.getTargetClass().getBaseComponentType().getPackageName());
                    if (target != null && !target.equals(own)) {
                        used.add(dependency.getTargetClass().getBaseComponentType().getName());
                    }
                }
                if (!used.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(origin,
                            origin.getName() + " uses another capability: " + String.join(", ", used)));
                }
            }
        };
    }

    /** The capability package ({@code dev.lanyard.keycloak.pin}) a package belongs to; null for a layer or another jar. */
    private static String capabilityOf(String packageName) {
        for (String capability : CAPABILITIES) {
            String name = capability.substring(0, capability.length() - 2);
            if (packageName.equals(name) || packageName.startsWith(name + ".")) {
                return name;
            }
        }
        return null;
    }

    /** One violation per class, naming every keycloak-services class it uses. */
    private static ArchCondition<JavaClass> notDependOnKeycloakServices() {
        return new ArchCondition<>("not depend on classes that " + FROM_KEYCLOAK_SERVICES.getDescription()) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                SortedSet<String> used = new TreeSet<>();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (FROM_KEYCLOAK_SERVICES.test(target)) {
                        used.add(target.getName());
                    }
                }
                if (!used.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(origin,
                            origin.getName() + " uses keycloak-services: " + String.join(", ", used)));
                }
            }
        };
    }
}
