<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("lanyardAccountExistsBodyHtml", realmName))?no_esc}
</@layout.emailLayout>
