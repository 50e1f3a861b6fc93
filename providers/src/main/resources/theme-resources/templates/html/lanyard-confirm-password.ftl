<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("lanyardConfirmPasswordBodyHtml", link, linkExpirationMinutes, realmName))?no_esc}
</@layout.emailLayout>
