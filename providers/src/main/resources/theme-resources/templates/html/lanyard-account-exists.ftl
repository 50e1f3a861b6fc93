<#import "lanyard-mail.ftl" as mail>
<@mail.layout>
<@mail.paragraph>${msg("lanyardAccountExistsIntro", realmName)}</@mail.paragraph>
<@mail.paragraph>${msg("lanyardAccountExistsAdvice")}</@mail.paragraph>
</@mail.layout>
