" Pipe: data pipeline descriptions compiled by pipec.
autocmd BufRead,BufNewFile *.pipe setfiletype pipe
