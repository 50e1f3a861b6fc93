<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
<@mail.paragraph>${msg("lanyardEmailCodeIntro", realmName)}</@mail.paragraph>
<@mail.code value=code/>
<@mail.paragraph>${msg("lanyardEmailCodeExpiry", codeExpirationMinutes)}</@mail.paragraph>
</@mail.layout>
